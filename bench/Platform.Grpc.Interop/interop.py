#!/usr/bin/env python3
"""The other side of the interop tests: Debian's python3-grpcio (gRPC's C core) as server or client.

Messages come from a FileDescriptorSet the .NET tests write from our grpc_testing.proto, so both sides use
the very same definitions without generated Python code.

  interop.py server --port P --descriptors FILE      serve grpc.testing.TestService until killed
  interop.py client --target H:P --descriptors FILE  run the test cases, print one JSON object of results
"""
import argparse
import json
import queue
import sys
import threading
import time
from concurrent import futures

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

SPECIAL_MESSAGE = "\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \U0001f608\t\n"


def load_messages(path):
    files = descriptor_pb2.FileDescriptorSet.FromString(open(path, "rb").read())
    pool = descriptor_pool.DescriptorPool()
    for file in files.file:
        pool.Add(file)
    factory = message_factory.MessageFactory(pool)
    get = getattr(message_factory, "GetMessageClass", None)

    def cls(name):
        descriptor = pool.FindMessageTypeByName("grpc.testing." + name)
        return get(descriptor) if get else factory.GetPrototype(descriptor)

    return {name: cls(name) for name in [
        "Empty", "SimpleRequest", "SimpleResponse", "StreamingInputCallRequest", "StreamingInputCallResponse",
        "StreamingOutputCallRequest", "StreamingOutputCallResponse", "Payload"]}


def status_of(code):
    return next(status for status in grpc.StatusCode if status.value[0] == code)


def serve(port, m):
    def echo_metadata(context):
        metadata = dict(context.invocation_metadata())
        if "x-grpc-test-echo-initial" in metadata:
            context.send_initial_metadata([("x-grpc-test-echo-initial", metadata["x-grpc-test-echo-initial"])])
        if "x-grpc-test-echo-trailing-bin" in metadata:
            context.set_trailing_metadata([("x-grpc-test-echo-trailing-bin", metadata["x-grpc-test-echo-trailing-bin"])])

    def zeros(size):
        return m["Payload"](body=b"\0" * size)

    def unary(request, context):
        echo_metadata(context)
        if request.response_status.code:
            context.abort(status_of(request.response_status.code), request.response_status.message)
        return m["SimpleResponse"](payload=zeros(request.response_size))

    def streaming_output(request, context):
        for parameters in request.response_parameters:
            if parameters.interval_us:
                time.sleep(parameters.interval_us / 1e6)
            yield m["StreamingOutputCallResponse"](payload=zeros(parameters.size))

    def streaming_input(requests, context):
        return m["StreamingInputCallResponse"](aggregated_payload_size=sum(len(r.payload.body) for r in requests))

    def full_duplex(requests, context):
        echo_metadata(context)
        for request in requests:
            if request.response_status.code:
                context.abort(status_of(request.response_status.code), request.response_status.message)
            for parameters in request.response_parameters:
                if parameters.interval_us:
                    time.sleep(parameters.interval_us / 1e6)
                yield m["StreamingOutputCallResponse"](payload=zeros(parameters.size))

    def handler(kind, function, request, response):
        factory = getattr(grpc, kind + "_rpc_method_handler")
        return factory(function, request_deserializer=m[request].FromString, response_serializer=m[response].SerializeToString)

    handlers = {
        "EmptyCall": handler("unary_unary", lambda request, context: m["Empty"](), "Empty", "Empty"),
        "UnaryCall": handler("unary_unary", unary, "SimpleRequest", "SimpleResponse"),
        "StreamingOutputCall": handler("unary_stream", streaming_output, "StreamingOutputCallRequest", "StreamingOutputCallResponse"),
        "StreamingInputCall": handler("stream_unary", streaming_input, "StreamingInputCallRequest", "StreamingInputCallResponse"),
        "FullDuplexCall": handler("stream_stream", full_duplex, "StreamingOutputCallRequest", "StreamingOutputCallResponse"),
    }
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16))
    server.add_generic_rpc_handlers([grpc.method_handlers_generic_handler("grpc.testing.TestService", handlers)])
    server.add_insecure_port(f"127.0.0.1:{port}")
    server.start()
    print("listening", flush=True)
    server.wait_for_termination()


def run_client(target, m, cases):
    channel = grpc.insecure_channel(target)

    def call(kind, path, request_type, response_type):
        return getattr(channel, kind)(path, request_serializer=m[request_type].SerializeToString,
                                      response_deserializer=m[response_type].FromString)

    service = "/grpc.testing.TestService/"
    empty = call("unary_unary", service + "EmptyCall", "Empty", "Empty")
    unary = call("unary_unary", service + "UnaryCall", "SimpleRequest", "SimpleResponse")
    output = call("unary_stream", service + "StreamingOutputCall", "StreamingOutputCallRequest", "StreamingOutputCallResponse")
    inputs = call("stream_unary", service + "StreamingInputCall", "StreamingInputCallRequest", "StreamingInputCallResponse")
    duplex = call("stream_stream", service + "FullDuplexCall", "StreamingOutputCallRequest", "StreamingOutputCallResponse")

    def payload(size):
        return m["Payload"](body=b"\0" * size)

    def output_request(*sizes, code=0, message=""):
        request = m["StreamingOutputCallRequest"]()
        for size in sizes:
            request.response_parameters.add(size=size)
        if code:
            request.response_status.code = code
            request.response_status.message = message
        return request

    def expect(condition, what):
        if not condition:
            raise AssertionError(what)

    def expect_status(function, code, details=None):
        try:
            function()
        except grpc.RpcError as error:
            expect(error.code() == code, f"status {error.code()} instead of {code}: {error.details()}")
            if details is not None:
                expect(error.details() == details, f"details {error.details()!r} instead of {details!r}")
            return
        raise AssertionError(f"no error, expected {code}")

    def empty_unary():
        expect(empty(m["Empty"]()).ByteSize() == 0, "non-empty reply")

    def large_unary():
        reply = unary(m["SimpleRequest"](response_size=314159, payload=payload(271828)))
        expect(len(reply.payload.body) == 314159, f"payload {len(reply.payload.body)}")

    def client_streaming():
        sizes = [27182, 8, 1828, 45904]
        reply = inputs(iter([m["StreamingInputCallRequest"](payload=payload(size)) for size in sizes]))
        expect(reply.aggregated_payload_size == 74922, f"aggregated {reply.aggregated_payload_size}")

    def server_streaming():
        sizes = [len(r.payload.body) for r in output(output_request(31415, 9, 2653, 58979))]
        expect(sizes == [31415, 9, 2653, 58979], f"sizes {sizes}")

    def ping_pong():
        pending = queue.Queue()
        pairs = [(27182, 31415), (8, 9), (1828, 2653), (45904, 58979)]

        def requests():
            while (item := pending.get()) is not None:
                yield item

        responses = duplex(requests())
        for request_size, response_size in pairs:
            request = output_request(response_size)
            request.payload.body = b"\0" * request_size
            pending.put(request)
            expect(len(next(responses).payload.body) == response_size, "wrong response size")
        pending.put(None)
        expect(next(responses, None) is None, "extra response")

    def custom_metadata():
        metadata = [("x-grpc-test-echo-initial", "test_initial_metadata_value"), ("x-grpc-test-echo-trailing-bin", b"\xab\xab\xab")]
        _, call_info = unary.with_call(m["SimpleRequest"](response_size=314159, payload=payload(271828)), metadata=metadata)
        expect(("x-grpc-test-echo-initial", "test_initial_metadata_value") in call_info.initial_metadata(), "initial metadata")
        expect(("x-grpc-test-echo-trailing-bin", b"\xab\xab\xab") in call_info.trailing_metadata(), "trailing metadata")
        responses = duplex(iter([output_request(314159)]), metadata=metadata)
        expect(len(list(responses)) == 1, "duplex response")
        expect(("x-grpc-test-echo-initial", "test_initial_metadata_value") in responses.initial_metadata(), "duplex initial metadata")
        expect(("x-grpc-test-echo-trailing-bin", b"\xab\xab\xab") in responses.trailing_metadata(), "duplex trailing metadata")

    def status_code_and_message():
        request = m["SimpleRequest"]()
        request.response_status.code = 2
        request.response_status.message = "test status message"
        expect_status(lambda: unary(request), grpc.StatusCode.UNKNOWN, "test status message")
        expect_status(lambda: list(duplex(iter([output_request(code=2, message="test status message")]))),
                      grpc.StatusCode.UNKNOWN, "test status message")

    def special_status_message():
        request = m["SimpleRequest"]()
        request.response_status.code = 2
        request.response_status.message = SPECIAL_MESSAGE
        expect_status(lambda: unary(request), grpc.StatusCode.UNKNOWN, SPECIAL_MESSAGE)

    def unimplemented_method():
        method = call("unary_unary", service + "UnimplementedCall", "Empty", "Empty")
        expect_status(lambda: method(m["Empty"]()), grpc.StatusCode.UNIMPLEMENTED)

    def unimplemented_service():
        method = call("unary_unary", "/grpc.testing.UnimplementedService/UnimplementedCall", "Empty", "Empty")
        expect_status(lambda: method(m["Empty"]()), grpc.StatusCode.UNIMPLEMENTED)

    def timeout_on_sleeping_server():
        pending = queue.Queue()

        def requests():
            request = output_request(27182)
            request.payload.body = b"\0" * 27182
            yield request
            pending.get(timeout=5)

        expect_status(lambda: list(duplex(requests(), timeout=0.001)), grpc.StatusCode.DEADLINE_EXCEEDED)

    def cancel_after_begin():
        blocker = threading.Event()

        def requests():
            blocker.wait(5)
            return
            yield

        future = inputs.future(requests())
        future.cancel()
        blocker.set()
        expect(future.cancelled(), "not cancelled")
        expect(future.code() == grpc.StatusCode.CANCELLED, f"status {future.code()}")

    all_cases = {name: function for name, function in locals().items() if callable(function) and name in cases}
    results = {}
    for name in cases:
        try:
            all_cases[name]()
            results[name] = "ok"
        except Exception as error:  # report every case, whatever went wrong
            results[name] = f"{type(error).__name__}: {error}"
    print(json.dumps(results))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["server", "client"])
    parser.add_argument("--port", type=int)
    parser.add_argument("--target")
    parser.add_argument("--descriptors", required=True)
    parser.add_argument("--cases", default="")
    args = parser.parse_args()
    messages = load_messages(args.descriptors)
    if args.mode == "server":
        serve(args.port, messages)
    else:
        run_client(args.target, messages, [c for c in args.cases.split(",") if c])


if __name__ == "__main__":
    sys.exit(main())
