using System.Text;
using Platform.Gateway.Cases.FollowUp;

namespace Platform.Gateway.Tests.Cases;

public sealed class FollowUpScheduleTests
{
    [Fact]
    public void The_default_schedule_escalates_to_four_levels_in_order()
    {
        var schedule = FollowUpSchedule.Default;
        Assert.Equal(
            [EscalationTarget.ResponsibleMember, EscalationTarget.CommissionChair, EscalationTarget.HigherCommission, EscalationTarget.AgencyTerritorialOffice],
            schedule.Escalation.Select(step => step.To));
        Assert.Equal(2, schedule.AcknowledgeWithinWorkingDays);
    }

    [Theory]
    [InlineData("""{ "acknowledgeWithinWorkingDays": 0, "reportWithinWorkingDaysAfterDue": 3, "warnWorkingDaysBefore": 1, "escalation": [ { "level": 1, "to": "ResponsibleMember", "afterWorkingDaysOverdue": 0 } ] }""", "acknowledgeWithinWorkingDays must be at least 1")]
    [InlineData("""{ "acknowledgeWithinWorkingDays": 2, "reportWithinWorkingDaysAfterDue": 3, "warnWorkingDaysBefore": 1, "escalation": [] }""", "at least one step")]
    [InlineData("""{ "acknowledgeWithinWorkingDays": 2, "reportWithinWorkingDaysAfterDue": 3, "warnWorkingDaysBefore": 1, "escalation": [ { "level": 1, "to": "ResponsibleMember", "afterWorkingDaysOverdue": 3 }, { "level": 2, "to": "CommissionChair", "afterWorkingDaysOverdue": 3 } ] }""", "step 2 must come later than step 1")]
    public void A_schedule_that_makes_no_sense_is_refused_with_the_reason(string json, string problem)
    {
        var refused = Assert.Throws<InvalidDataException>(() => FollowUpSchedule.Load(new MemoryStream(Encoding.UTF8.GetBytes(json))));
        Assert.Contains(problem, refused.Message);
    }
}
