using System.Collections.Concurrent;
using Platform.Contracts.IntegrationEvents;

namespace Platform.Gateway.Operations;

/// <summary>Probes in flight: the answers gathered so far for each, until the operator's request is done.</summary>
public sealed class BusProbes
{
    private readonly ConcurrentDictionary<Guid, PendingProbe> _pending = new();

    public PendingProbe Open(Guid probeId, IReadOnlySet<string> expectedServices) =>
        _pending[probeId] = new PendingProbe(expectedServices);

    public void Close(Guid probeId) => _pending.TryRemove(probeId, out _);

    public void Record(BusProbeAnswered answer)
    {
        if (_pending.TryGetValue(answer.ProbeId, out var probe)) probe.Record(answer);
    }
}

public sealed class PendingProbe(IReadOnlySet<string> expectedServices)
{
    private readonly ConcurrentDictionary<string, BusProbeAnswered> _answers = new();
    private readonly TaskCompletionSource _allExpectedAnswered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyCollection<BusProbeAnswered> Answers => _answers.Values.OrderBy(a => a.Service).ToList();

    public Task AllExpectedAnswered => _allExpectedAnswered.Task;

    public void Record(BusProbeAnswered answer)
    {
        _answers.TryAdd(answer.Service, answer);
        if (expectedServices.All(_answers.ContainsKey)) _allExpectedAnswered.TrySetResult();
    }
}
