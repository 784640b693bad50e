using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.IntegrationEvents;
using Platform.Gateway.Operations;

namespace Platform.Gateway.Apis;

public static class OperationsApi
{
    private static readonly TimeSpan MaximumWait = TimeSpan.FromSeconds(30);

    public static RouteGroupBuilder MapOperationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/operations");
        api.MapPost("/bus-probe", ProbeBusAsync)
            .WithSummary("Publishes a probe on the bus and lists the services that answered within the wait.");
        return api;
    }

    public sealed record BusProbeResult(Guid ProbeId, bool AllExpectedAnswered, IReadOnlyCollection<BusProbeAnswered> Answers);

    private static async Task<Results<Ok<BusProbeResult>, ValidationProblem>> ProbeBusAsync(
        IPublishEndpoint publisher, BusProbes probes, TimeProvider time, HttpContext http,
        string? expect = null, double waitSeconds = 5)
    {
        if (waitSeconds <= 0 || waitSeconds > MaximumWait.TotalSeconds)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["waitSeconds"] = [$"Must be greater than 0 and at most {MaximumWait.TotalSeconds}."],
            });

        var expected = (expect ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToHashSet(StringComparer.Ordinal);
        var probeId = Guid.NewGuid();
        var probe = probes.Open(probeId, expected);
        try
        {
            await publisher.Publish(new BusProbe(probeId, http.Connection.RemoteIpAddress?.ToString() ?? "unknown", time.GetUtcNow()),
                http.RequestAborted);
            var waited = expected.Count > 0 ? probe.AllExpectedAnswered : Task.Delay(Timeout.Infinite, http.RequestAborted);
            await Task.WhenAny(waited, Task.Delay(TimeSpan.FromSeconds(waitSeconds), http.RequestAborted));
            return TypedResults.Ok(new BusProbeResult(probeId, expected.Count > 0 && probe.AllExpectedAnswered.IsCompleted, probe.Answers));
        }
        finally
        {
            probes.Close(probeId);
        }
    }
}
