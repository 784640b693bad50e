using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.IntegrationEvents;
using Platform.Gateway.Operations;
using Platform.Gateway.Profiles.Consumers;
using Platform.Gateway.Staff;
using Platform.GrpcApi.Access;
using Platform.Messaging;

namespace Platform.Gateway.Apis;

/// <summary>Operators' checks of the running Gateway: the bus probe, and the profile's failed events (seen and replayed).</summary>
public static class OperationsApi
{
    public const string OperatorsPolicy = "operators";
    private static readonly TimeSpan MaximumWait = TimeSpan.FromSeconds(30);
    private const int MaximumPeek = 500;

    public static IServiceCollection AddOperationsApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<BusProbes>();
        services.AddSingleton(new ErrorQueue(configuration.GetConnectionString(MessagingExtensions.ConnectionName)
            ?? throw new InvalidOperationException($"Connection string '{MessagingExtensions.ConnectionName}' is missing.")));
        services.AddAuthorizationBuilder().AddPolicy(OperatorsPolicy, policy =>
            policy.RequireAssertion(context => StaffUser.From(context.User)?.May(StaffPermission.WatchOperations) == true));
        return services;
    }

    public static RouteGroupBuilder MapOperationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/operations").RequireAuthorization(OperatorsPolicy).RequireRateLimiting(CallerRateLimits.Policy).WithTags("Operations");
        api.MapPost("/bus-probe", ProbeBusAsync)
            .WithSummary("Publishes a probe on the bus and lists the services that answered within the wait.");
        api.MapGet("/profile-errors", PeekProfileErrorsAsync)
            .WithSummary("The agency events the profile could not take after its retries (no personal data), oldest first.");
        api.MapPost("/profile-errors/replay", ReplayProfileErrorsAsync)
            .WithSummary("Sends the failed events (all, or one by messageId) back to the profile's queue.");
        return api;
    }

    public sealed record BusProbeResult(Guid ProbeId, bool AllExpectedAnswered, IReadOnlyCollection<BusProbeAnswered> Answers);

    public sealed record ReplayResult(string Queue, int Replayed);

    private static async Task<Results<Ok<BusProbeResult>, ValidationProblem>> ProbeBusAsync(
        IPublishEndpoint publisher, BusProbes probes, TimeProvider time, HttpContext http,
        string? expect = null, double waitSeconds = 5)
    {
        if (waitSeconds <= 0 || waitSeconds > MaximumWait.TotalSeconds)
            return Invalid("waitSeconds", $"Must be greater than 0 and at most {MaximumWait.TotalSeconds}.");

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

    private static async Task<Results<Ok<ErrorQueueContents>, ValidationProblem>> PeekProfileErrorsAsync(
        ErrorQueue errors, HttpContext http, int limit = 50)
    {
        if (limit is < 1 or > MaximumPeek) return Invalid("limit", $"Must be between 1 and {MaximumPeek}.");
        return TypedResults.Ok(await errors.PeekAsync(ProfileConsumersRegistration.QueueName, limit, http.RequestAborted));
    }

    private static async Task<Ok<ReplayResult>> ReplayProfileErrorsAsync(
        ErrorQueue errors, HttpContext http, ILogger<ErrorQueue> logger, string? messageId = null)
    {
        var replayed = await errors.ReplayAsync(ProfileConsumersRegistration.QueueName, messageId, http.RequestAborted);
        logger.LogWarning("{Operator} replayed {Count} failed profile event(s) from {Queue} (message id {MessageId})",
            StaffUser.From(http.User)?.UserName, replayed, ErrorQueue.ErrorQueueOf(ProfileConsumersRegistration.QueueName), messageId ?? "all");
        return TypedResults.Ok(new ReplayResult(ErrorQueue.ErrorQueueOf(ProfileConsumersRegistration.QueueName), replayed));
    }

    private static ValidationProblem Invalid(string field, string error) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [error] }, title: "The request is invalid.");
}
