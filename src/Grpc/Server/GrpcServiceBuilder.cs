using Google.Protobuf;
using Google.Protobuf.Reflection;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.Grpc.Server;

/// <summary>
/// Binds handlers to the methods of one service as protoc described it. A handler's kind and message types must
/// match the descriptor, so the .proto stays the single source of truth; methods without a handler answer
/// UNIMPLEMENTED.
/// </summary>
public sealed class GrpcServiceBuilder
{
    private readonly IEndpointRouteBuilder _endpoints;
    private readonly List<IEndpointConventionBuilder> _mapped = [];

    internal GrpcServiceBuilder(IEndpointRouteBuilder endpoints, ServiceDescriptor service)
    {
        _endpoints = endpoints;
        Service = service;
    }

    public ServiceDescriptor Service { get; }

    /// <summary>Every mapped method's endpoint, for authorization and other conventions.</summary>
    public IReadOnlyList<IEndpointConventionBuilder> Endpoints => _mapped;

    public GrpcServiceBuilder Unary<TRequest, TResponse>(string method, Func<TRequest, ServerCallContext, Task<TResponse>> handler)
        where TRequest : IMessage<TRequest>, new() where TResponse : IMessage<TResponse> =>
        Map<TRequest, TResponse>(method, GrpcMethodKind.Unary, async (call, context) =>
        {
            var request = await call.ReadSingleRequestAsync(context.CancellationToken);
            var response = await handler(request, context);
            await call.WriteResponseAsync(response, context.CancellationToken);
        });

    public GrpcServiceBuilder ClientStreaming<TRequest, TResponse>(
        string method, Func<IAsyncEnumerable<TRequest>, ServerCallContext, Task<TResponse>> handler)
        where TRequest : IMessage<TRequest>, new() where TResponse : IMessage<TResponse> =>
        Map<TRequest, TResponse>(method, GrpcMethodKind.ClientStreaming, async (call, context) =>
        {
            var response = await handler(call.ReadAllRequestsAsync(context.CancellationToken), context);
            await call.WriteResponseAsync(response, context.CancellationToken);
        });

    public GrpcServiceBuilder ServerStreaming<TRequest, TResponse>(
        string method, Func<TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task> handler)
        where TRequest : IMessage<TRequest>, new() where TResponse : IMessage<TResponse> =>
        Map<TRequest, TResponse>(method, GrpcMethodKind.ServerStreaming, async (call, context) =>
        {
            var request = await call.ReadSingleRequestAsync(context.CancellationToken);
            await handler(request, call.ResponseStream, context);
        });

    public GrpcServiceBuilder DuplexStreaming<TRequest, TResponse>(
        string method, Func<IAsyncEnumerable<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task> handler)
        where TRequest : IMessage<TRequest>, new() where TResponse : IMessage<TResponse> =>
        Map<TRequest, TResponse>(method, GrpcMethodKind.DuplexStreaming,
            (call, context) => handler(call.ReadAllRequestsAsync(context.CancellationToken), call.ResponseStream, context));

    private GrpcServiceBuilder Map<TRequest, TResponse>(
        string methodName, GrpcMethodKind kind, Func<GrpcServerCall<TRequest, TResponse>, ServerCallContext, Task> invoke)
        where TRequest : IMessage<TRequest>, new() where TResponse : IMessage<TResponse>
    {
        var method = Service.FindMethodByName(methodName)
            ?? throw new InvalidOperationException($"{Service.FullName} has no method '{methodName}'.");
        var declared = (method.IsClientStreaming, method.IsServerStreaming) switch
        {
            (false, false) => GrpcMethodKind.Unary,
            (true, false) => GrpcMethodKind.ClientStreaming,
            (false, true) => GrpcMethodKind.ServerStreaming,
            _ => GrpcMethodKind.DuplexStreaming,
        };
        if (declared != kind)
            throw new InvalidOperationException($"{Service.FullName}.{methodName} is {declared} in the .proto, but a {kind} handler was given.");
        if (method.InputType.ClrType != typeof(TRequest) || method.OutputType.ClrType != typeof(TResponse))
            throw new InvalidOperationException(
                $"{Service.FullName}.{methodName} takes {method.InputType.FullName} and returns {method.OutputType.FullName}; the handler uses {typeof(TRequest).Name} and {typeof(TResponse).Name}.");

        var path = $"/{Service.FullName}/{method.Name}";
        var parser = new MessageParser<TRequest>(() => new TRequest());
        var endpoint = _endpoints.MapPost(path, (HttpContext http) =>
        {
            var services = http.RequestServices;
            var options = services.GetService<IOptions<GrpcServerOptions>>()?.Value ?? new GrpcServerOptions();
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Platform.Grpc.Server");
            return GrpcServerCall<TRequest, TResponse>.HandleAsync(http, options, parser, path, invoke, logger);
        });
        endpoint.WithMetadata(new GrpcMethodMetadata(Service, method)).DisableAntiforgery();
        _mapped.Add(endpoint);
        return this;
    }
}

/// <summary>Endpoint metadata marking a gRPC method, so middleware (authorization, telemetry) can recognise it.</summary>
public sealed record GrpcMethodMetadata(ServiceDescriptor Service, MethodDescriptor Method);
