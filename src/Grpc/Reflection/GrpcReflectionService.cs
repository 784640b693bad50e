using Google.Protobuf;
using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.Grpc.Reflection.V1;
using Platform.Grpc.Server;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using V1AlphaReflection = Platform.Grpc.Reflection.V1Alpha.ReflectionReflection;

namespace Platform.Grpc.Reflection;

/// <summary>
/// Server reflection (grpc.reflection.v1 and v1alpha), so generic tools can list the services and fetch their
/// .proto descriptors: list_services, file_by_filename and file_containing_symbol, with transitive dependencies.
/// </summary>
public static class GrpcReflectionService
{
    public static void MapGrpcReflectionService(this IEndpointRouteBuilder endpoints)
    {
        foreach (var service in new[] { ReflectionReflection.Descriptor.Services[0], V1AlphaReflection.Descriptor.Services[0] })
            endpoints.MapGrpcService(service, reflection => reflection
                .DuplexStreaming<ServerReflectionRequest, ServerReflectionResponse>("ServerReflectionInfo", async (requests, stream, context) =>
                {
                    var registry = context.HttpContext.RequestServices.GetRequiredService<GrpcServiceRegistry>();
                    await foreach (var request in requests)
                        await stream.WriteAsync(Answer(request, registry.Services), context.CancellationToken);
                }));
    }

    public static ServerReflectionResponse Answer(ServerReflectionRequest request, IReadOnlyList<ServiceDescriptor> services)
    {
        var response = new ServerReflectionResponse { ValidHost = request.Host, OriginalRequest = request };
        var files = KnownFiles(services);
        switch (request.MessageRequestCase)
        {
            case ServerReflectionRequest.MessageRequestOneofCase.ListServices:
                response.ListServicesResponse = new ListServiceResponse();
                response.ListServicesResponse.Service.AddRange(services.Select(s => new ServiceResponse { Name = s.FullName }));
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileByFilename:
                Files(response, files.FirstOrDefault(f => f.Name == request.FileByFilename), $"File not found: {request.FileByFilename}");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingSymbol:
                Files(response, files.FirstOrDefault(f => Declares(f, request.FileContainingSymbol)), $"Symbol not found: {request.FileContainingSymbol}");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.AllExtensionNumbersOfType:
                // proto3 messages have no extensions: a known type answers with none.
                if (files.Any(f => Declares(f, request.AllExtensionNumbersOfType)))
                    response.AllExtensionNumbersResponse = new ExtensionNumberResponse { BaseTypeName = request.AllExtensionNumbersOfType };
                else Error(response, Protocol.StatusCode.NotFound, $"Type not found: {request.AllExtensionNumbersOfType}");
                break;
            default:
                Error(response, Protocol.StatusCode.Unimplemented, "This reflection request is not supported.");
                break;
        }
        return response;
    }

    private static void Files(ServerReflectionResponse response, FileDescriptor? file, string notFound)
    {
        if (file is null)
        {
            Error(response, Protocol.StatusCode.NotFound, notFound);
            return;
        }
        response.FileDescriptorResponse = new FileDescriptorResponse();
        response.FileDescriptorResponse.FileDescriptorProto.AddRange(WithDependencies(file).Select(f => f.SerializedData));
    }

    private static void Error(ServerReflectionResponse response, Protocol.StatusCode code, string message) =>
        response.ErrorResponse = new ErrorResponse { ErrorCode = (int)code, ErrorMessage = message };

    private static List<FileDescriptor> KnownFiles(IEnumerable<ServiceDescriptor> services) =>
        services.SelectMany(s => WithDependencies(s.File)).DistinctBy(f => f.Name).ToList();

    private static IEnumerable<FileDescriptor> WithDependencies(FileDescriptor file)
    {
        var seen = new HashSet<string>();
        var pending = new Stack<FileDescriptor>([file]);
        while (pending.TryPop(out var next))
        {
            if (!seen.Add(next.Name)) continue;
            yield return next;
            foreach (var dependency in next.Dependencies) pending.Push(dependency);
        }
    }

    private static bool Declares(FileDescriptor file, string symbol) =>
        file.Services.Any(s => s.FullName == symbol || s.Methods.Any(m => $"{s.FullName}.{m.Name}" == symbol))
        || AllMessages(file.MessageTypes).Any(m => m.FullName == symbol)
        || file.EnumTypes.Any(e => e.FullName == symbol)
        || AllMessages(file.MessageTypes).SelectMany(m => m.EnumTypes).Any(e => e.FullName == symbol);

    private static IEnumerable<MessageDescriptor> AllMessages(IEnumerable<MessageDescriptor> messages) =>
        messages.SelectMany(m => AllMessages(m.NestedTypes).Prepend(m));
}
