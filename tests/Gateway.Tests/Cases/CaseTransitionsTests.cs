using Platform.Gateway.Cases;
using static Platform.Gateway.Cases.CaseTransitions;

namespace Platform.Gateway.Tests.Cases;

public sealed class CaseTransitionsTests
{
    [Fact]
    public void A_case_moves_forward_one_step_at_a_time()
    {
        Assert.Equal(new Changed(CaseStatus.Open, CaseStatus.UnderReview), Move(CaseStatus.Open, CaseStatus.UnderReview, null));
        Assert.Equal(new Changed(CaseStatus.UnderReview, CaseStatus.PlanAdopted), Move(CaseStatus.UnderReview, CaseStatus.PlanAdopted, null));
        Assert.Equal(new Changed(CaseStatus.PlanAdopted, CaseStatus.Monitoring), Move(CaseStatus.PlanAdopted, CaseStatus.Monitoring, null));
        Assert.IsType<Refused>(Move(CaseStatus.Open, CaseStatus.Monitoring, null));
        Assert.IsType<Refused>(Move(CaseStatus.Monitoring, CaseStatus.UnderReview, null));
    }

    [Fact]
    public void Closing_and_reopening_need_a_reason()
    {
        var refused = Assert.IsType<Refused>(Move(CaseStatus.Monitoring, CaseStatus.Closed, "  "));
        Assert.Contains("reason", refused.Reason);
        Assert.Equal(new Changed(CaseStatus.UnderReview, CaseStatus.Closed), Move(CaseStatus.UnderReview, CaseStatus.Closed, "The family moved abroad."));
        Assert.IsType<Refused>(Move(CaseStatus.Closed, CaseStatus.Open, null));
        Assert.Equal(new Changed(CaseStatus.Closed, CaseStatus.Open), Move(CaseStatus.Closed, CaseStatus.Open, "A new incident at school."));
        Assert.IsType<Refused>(Move(CaseStatus.Closed, CaseStatus.Monitoring, "skip ahead"));
        Assert.IsType<Refused>(Move(CaseStatus.Open, CaseStatus.Closed, new string('x', MaximumReasonLength + 1)));
    }

    [Fact]
    public void The_same_change_posted_twice_changes_nothing_the_second_time() =>
        Assert.IsType<AlreadyDone>(Move(CaseStatus.UnderReview, CaseStatus.UnderReview, null));

    [Fact]
    public void A_page_offers_exactly_the_allowed_next_statuses()
    {
        Assert.Equal([CaseStatus.UnderReview, CaseStatus.Closed], Next(CaseStatus.Open));
        Assert.Equal([CaseStatus.Closed], Next(CaseStatus.Monitoring));
        Assert.Equal([CaseStatus.Open], Next(CaseStatus.Closed));
    }
}
