using Platform.Security;
using Platform.GrpcApi.Access;

namespace Platform.AgencyServices.Tests;

public static class TestAccess
{
    public static AgencyAccess National(Agency agency) =>
        new(new AgencyCaller($"{agency.ToName()}-national", agency, null, AgencyTerritory.National), "test", "127.0.0.1");
}
