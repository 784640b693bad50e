using Platform.Security;
using Platform.ServiceDefaults.Access;

namespace Platform.ServiceDefaults.Tests;

public static class TestAccess
{
    public static AgencyAccess National(Agency agency) =>
        new(new AgencyCaller($"{agency.ToName()}-national", agency, null, AgencyTerritory.National), "test", "127.0.0.1");
}
