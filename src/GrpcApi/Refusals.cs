using Platform.Contracts.Records;

namespace Platform.GrpcApi;

// What a service's domain refuses, in kinds a caller can act on. Domain code throws its own subclasses (a record
// conflict, a refused referral transition); DomainErrorsInterceptor answers each kind with its gRPC status, so
// the domain never builds RpcExceptions itself.

/// <summary>The request is invalid; nothing was written. Each violation names the field at fault.</summary>
public abstract class InvalidRequestException(string message, IReadOnlyList<Violation> violations) : Exception(message)
{
    public IReadOnlyList<Violation> Violations { get; } = violations;
}

/// <summary>The request contradicts the stored state (a stale version, a transition the state does not allow).</summary>
public abstract class ConflictException(string message) : Exception(message);

/// <summary>What the request names is not stored here.</summary>
public abstract class NotFoundException(string message) : Exception(message);

/// <summary>The caller is authenticated but the data lies outside its rights (another territory); nothing is read or written.</summary>
public sealed class AccessDeniedException(string message) : Exception(message);
