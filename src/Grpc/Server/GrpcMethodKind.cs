namespace Platform.Grpc.Server;

public enum GrpcMethodKind { Unary, ClientStreaming, ServerStreaming, DuplexStreaming }
