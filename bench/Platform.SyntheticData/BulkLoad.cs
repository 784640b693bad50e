using Grpc.Core;
using Platform.Contracts.Records.V1;

namespace Platform.SyntheticData;

/// <summary>An initial load as an agency's information system does it: one client-streaming BulkSubmit call.</summary>
public static class BulkLoad
{
    /// <param name="bulkSubmit">The agency client's BulkSubmit, e.g. <c>new EducationRecords.EducationRecordsClient(channel).BulkSubmit</c>.</param>
    public static async Task<BulkSubmitReply> SubmitAsync<TRecord>(
        Func<CallOptions, AsyncClientStreamingCall<TRecord, BulkSubmitReply>> bulkSubmit, IReadOnlyList<TRecord> records,
        IProgress<int>? sent = null, CancellationToken cancellationToken = default)
    {
        using var call = bulkSubmit(new CallOptions(cancellationToken: cancellationToken));
        for (var i = 0; i < records.Count; i++)
        {
            await call.RequestStream.WriteAsync(records[i], cancellationToken);
            if ((i + 1) % 5_000 == 0) sent?.Report(i + 1);
        }
        await call.RequestStream.CompleteAsync();
        return await call;
    }
}
