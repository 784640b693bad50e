using Google.Protobuf.Reflection;

namespace Platform.Grpc.Server;

/// <summary>The services this server maps, for health checks and reflection.</summary>
public sealed class GrpcServiceRegistry
{
    private readonly List<ServiceDescriptor> _services = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<ServiceDescriptor> Services
    {
        get { lock (_gate) return _services.ToList(); }
    }

    public void Add(ServiceDescriptor service)
    {
        lock (_gate)
            if (_services.All(s => s.FullName != service.FullName)) _services.Add(service);
    }

    public bool Contains(string fullName) => Services.Any(s => s.FullName == fullName);
}
