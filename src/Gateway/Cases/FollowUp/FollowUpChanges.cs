namespace Platform.Gateway.Cases.FollowUp;

public enum FollowUpChangeKind { Warned, Overdue, Escalated }

/// <summary>One thing the follow-up has to tell: a clock warned, went overdue, or climbed to <see cref="Level"/> of the ladder.</summary>
public sealed record FollowUpChange(ClockKind Clock, DateOnly Deadline, FollowUpChangeKind Kind, int Level = 0, EscalationTarget? To = null);

/// <summary>What needs attention on a referral, the worst of its clocks.</summary>
public enum FollowUpAttention { None, Warned, Overdue }

/// <summary>
/// What changed between two readings of a referral's clocks, as pure functions: so a deadline service that was
/// down for days still tells every level it missed, once, and one that looks twice tells nothing twice.
/// </summary>
public static class FollowUpChanges
{
    public static IReadOnlyList<FollowUpChange> Between(IReadOnlyList<ClockReading> before, IReadOnlyList<ClockReading> after, FollowUpSchedule schedule)
    {
        var changes = new List<FollowUpChange>();
        foreach (var now in after)
        {
            var earlier = before.FirstOrDefault(c => c.Kind == now.Kind);
            var (wasState, wasLevel) = earlier is null ? (ClockState.Running, 0) : (earlier.State, earlier.EscalationLevel);
            if (now.State == ClockState.Warned && wasState == ClockState.Running)
                changes.Add(new FollowUpChange(now.Kind, now.Deadline, FollowUpChangeKind.Warned));
            if (now.State != ClockState.Overdue) continue;
            if (wasState != ClockState.Overdue)
            {
                changes.Add(new FollowUpChange(now.Kind, now.Deadline, FollowUpChangeKind.Overdue));
                wasLevel = 0;
            }
            for (var level = wasLevel + 1; level <= now.EscalationLevel; level++)
                changes.Add(new FollowUpChange(now.Kind, now.Deadline, FollowUpChangeKind.Escalated, level, schedule.Escalation[level - 1].To));
        }
        return changes;
    }

    public static FollowUpAttention AttentionOf(IEnumerable<ClockReading> clocks) =>
        clocks.Aggregate(FollowUpAttention.None, (worst, clock) => clock.State switch
        {
            ClockState.Overdue => FollowUpAttention.Overdue,
            ClockState.Warned when worst == FollowUpAttention.None => FollowUpAttention.Warned,
            _ => worst,
        });
}
