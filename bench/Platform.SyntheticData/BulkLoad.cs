using Google.Protobuf;
using Platform.Contracts.Records.V1;
using Platform.Grpc.Client;

namespace Platform.SyntheticData;

/// <summary>An initial load as an agency's information system does it: one client-streaming BulkSubmit call.</summary>
public static class BulkLoad
{
    public static async Task<BulkSubmitReply> SubmitAsync<TRecord>(
        GrpcClient client, IReadOnlyList<TRecord> records, IProgress<int>? sent = null, CancellationToken cancellationToken = default)
        where TRecord : IMessage<TRecord> =>
        (await client.ClientStreamingAsync<TRecord, BulkSubmitReply>("BulkSubmit", Stream(records, sent),
            new CallOptions(CancellationToken: cancellationToken))).Response;

    private static async IAsyncEnumerable<TRecord> Stream<TRecord>(IReadOnlyList<TRecord> records, IProgress<int>? sent)
    {
        for (var i = 0; i < records.Count; i++)
        {
            yield return records[i];
            if ((i + 1) % 5_000 == 0) sent?.Report(i + 1);
        }
        await Task.CompletedTask;
    }
}
