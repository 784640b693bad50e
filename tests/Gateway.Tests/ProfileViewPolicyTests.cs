using Platform.Contracts.IntegrationEvents;
using Platform.Contracts.Territory;
using Platform.Gateway.Profiles;
using Platform.Gateway.Profiles.Views;
using Platform.Gateway.Staff;
using Platform.Security;

namespace Platform.Gateway.Tests;

/// <summary>Who may open a profile and what each viewer sees of it: the one policy, without any server.</summary>
public sealed class ProfileViewPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly Kato Almaty = Kato.Parse("751110000");

    private static T Event<T>(T recordEvent, string agency, string recordId) where T : AgencyRecordEvent => recordEvent with
    {
        EventId = Guid.NewGuid(), Iin = "150315501231", SourceAgency = agency, RecordId = recordId, Version = 1, Region = Almaty.Value,
        OrganizationId = "org", OccurredAt = Now.AddDays(-5), RecordedAt = Now.AddDays(-5),
    };

    private static readonly AgencyRecordEvent[] Records =
    [
        Event(new EnrolmentRecorded { OrganizationType = "School", Form = "Inclusive", Grade = 3, StartDate = new DateOnly(2026, 9, 1) }, "education", "edu-1"),
        Event(new DiagnosisRecorded { Icd10 = "F84.0", DispensaryRegistration = true }, "health", "med-1"),
        Event(new InjuryRecorded { Icd10 = "T74.1", SuspectedAbuse = true }, "health", "med-2"),
        Event(new DisabilityStatusRecorded { Cause = "congenital", ValidFrom = new DateOnly(2025, 1, 1), HasRehabilitationProgramme = true, Icd10 = "F84.0" }, "social", "soc-1"),
        Event(new BenefitRecorded { BenefitType = "DisabledChildAllowance", MonthlyAmountTenge = 80_000, StartDate = new DateOnly(2025, 2, 1) }, "social", "soc-2"),
    ];

    private static ChildProfile Profile() => new(
        "150315501231", new DateOnly(2015, 3, 15), "male",
        [new ReportedIdentity("education", "Абаев", "Нурлан", null, Almaty.Value, Now)],
        Records.Select(r => new ProfileRecord(r)).ToList(),
        [
            new OpenSignal("violence-suspected", ["health/med-2"], Now.AddDays(-4), null),
            new OpenSignal("disabled-school-age-not-enrolled", ["social/soc-1"], Now.AddDays(-30), Now.AddDays(-10)),
        ],
        Records.Select(r => new TimelineEntry(r.EventId, r.SourceAgency, r.RecordId, r.GetType().Name, 1, r.OccurredAt, r.RecordedAt))
            .Append(new TimelineEntry(Guid.NewGuid(), "health", "med-1", "withdrawn", 2, Now, Now)).ToList());

    [Fact]
    public void An_education_system_sees_needs_and_support_but_no_diagnosis_and_no_signal_built_on_one()
    {
        var view = ProfileViewPolicy.Shape(Profile(), ProfileAudience.Education, Now);

        Assert.Equal(["EnrolmentRecorded", "DisabilityStatusRecorded"], view.Records.Select(r => r.Kind));
        Assert.Null(view.Records.Single(r => r.Kind == "DisabilityStatusRecorded").Details["icd10"]);
        Assert.True(view.Records.Single(r => r.Kind == "DisabilityStatusRecorded").Details["hasRehabilitationProgramme"]!.GetValue<bool>());
        Assert.Equal(["BenefitRecorded", "DiagnosisRecorded", "InjuryRecorded"], view.HiddenKinds);
        Assert.Empty(view.Signals);
        Assert.DoesNotContain(view.Timeline, t => t.SourceAgency == "health");
        Assert.DoesNotContain(view.Sections, s => s.Contains("Diagnosis"));
    }

    [Fact]
    public void A_health_system_sees_diagnoses_with_their_codes_and_the_signal_they_raise()
    {
        var view = ProfileViewPolicy.Shape(Profile(), ProfileAudience.Health, Now);

        Assert.Equal("F84.0", view.Records.Single(r => r.Kind == "DiagnosisRecorded").Details["icd10"]!.GetValue<string>());
        Assert.Equal("violence-suspected", Assert.Single(view.Signals).Code);
        Assert.Contains(view.Timeline, t => t.Kind == "withdrawn");
        Assert.Equal(["BenefitRecorded"], view.HiddenKinds);
    }

    [Fact]
    public void Commission_staff_see_every_record_with_diagnoses_as_categories_and_only_open_signals()
    {
        var view = ProfileViewPolicy.Shape(Profile(), ProfileAudience.Commission, Now);

        Assert.Equal(5, view.Records.Count);
        var diagnosis = view.Records.Single(r => r.Kind == "DiagnosisRecorded").Details;
        Assert.Null(diagnosis["icd10"]);
        Assert.Equal("mental", diagnosis["diagnosisCategory"]!.GetValue<string>());
        Assert.Equal("injuries", view.Records.Single(r => r.Kind == "InjuryRecorded").Details["diagnosisCategory"]!.GetValue<string>());
        Assert.Equal("violence-suspected", Assert.Single(view.Signals).Code);
        Assert.Empty(view.HiddenKinds);
        Assert.DoesNotContain(view.Records, r => r.Details.ContainsKey("iin") || r.Details.ContainsKey("traceParent"));
    }

    private static StaffViewer Staff(StaffRole role, StaffScope scope) => new(new StaffUser(Guid.NewGuid(), "user", "User", role, scope));

    [Fact]
    public void Who_may_open_a_profile_depends_on_role_territory_and_a_stated_reason()
    {
        Kato[] places = [Almaty];
        var astanaCommission = Staff(StaffRole.CommissionSecretary, StaffScope.Commission(CommissionLevel.District, Kato.Parse("711210000")));
        var almatyCommission = Staff(StaffRole.CommissionMember, StaffScope.Commission(CommissionLevel.Region, Kato.Parse("750000000")));

        Assert.IsType<OpenDecision.Allowed>(ProfileViewPolicy.MayOpen(almatyCommission, places, null));
        Assert.IsType<OpenDecision.Denied>(ProfileViewPolicy.MayOpen(astanaCommission, places, null));
        Assert.IsType<OpenDecision.Denied>(ProfileViewPolicy.MayOpen(astanaCommission, places, "  "));
        Assert.Equal("child moved from Astana, urgent hearing",
            Assert.IsType<OpenDecision.AllowedByBreakGlass>(ProfileViewPolicy.MayOpen(astanaCommission, places, " child moved from Astana, urgent hearing ")).Reason);
        Assert.IsType<OpenDecision.Denied>(ProfileViewPolicy.MayOpen(Staff(StaffRole.ProjectOfficeAnalyst, StaffScope.National), places, "curious"));
        Assert.IsType<OpenDecision.Denied>(ProfileViewPolicy.MayOpen(Staff(StaffRole.Administrator, StaffScope.National), places, null));

        var astanaSystem = new AgencySystemViewer(new AgencyCaller("education-astana", Agency.Education, null, AgencyTerritory.Of(Kato.Parse("710000000"))));
        Assert.IsType<OpenDecision.Denied>(ProfileViewPolicy.MayOpen(astanaSystem, places, "systems cannot break glass"));
        var nationalSystem = new AgencySystemViewer(new AgencyCaller("health-national", Agency.Health, null, AgencyTerritory.National));
        Assert.IsType<OpenDecision.Allowed>(ProfileViewPolicy.MayOpen(nationalSystem, places, null));
    }

    [Fact]
    public void A_commission_holding_a_case_transferred_from_another_territory_opens_the_child_as_its_own_and_no_one_else_gains_by_it()
    {
        Kato[] places = [Almaty];
        Kato[] heldByAstana = [Kato.Parse("711210000")];
        var astanaCommission = Staff(StaffRole.CommissionMember, StaffScope.Commission(CommissionLevel.District, Kato.Parse("711210000")));
        var astanaRegion = Staff(StaffRole.CommissionMember, StaffScope.Commission(CommissionLevel.City, Kato.Parse("710000000")));
        var shymkentCommission = Staff(StaffRole.CommissionSecretary, StaffScope.Commission(CommissionLevel.City, Kato.Parse("790000000")));
        var astanaSystem = new AgencySystemViewer(new AgencyCaller("education-astana", Agency.Education, null, AgencyTerritory.Of(Kato.Parse("710000000"))));

        Assert.IsType<OpenDecision.Allowed>(ProfileViewPolicy.MayOpen(astanaCommission, places, null, heldByAstana));
        Assert.IsType<OpenDecision.Allowed>(ProfileViewPolicy.MayOpen(astanaRegion, places, null, heldByAstana));
        Assert.IsType<OpenDecision.Denied>(ProfileViewPolicy.MayOpen(shymkentCommission, places, null, heldByAstana));
        Assert.IsType<OpenDecision.Denied>(ProfileViewPolicy.MayOpen(astanaSystem, places, null, heldByAstana));
        Assert.IsType<OpenDecision.Denied>(ProfileViewPolicy.MayOpen(Staff(StaffRole.ProjectOfficeAnalyst, StaffScope.National), places, null, heldByAstana));
    }

    [Theory]
    [InlineData("F84.0", "mental")]
    [InlineData("D50.9", "blood")]
    [InlineData("D10.1", "neoplasms")]
    [InlineData("H65.0", "ear")]
    [InlineData("H10.0", "eye")]
    [InlineData("x", "unknown")]
    public void Diagnosis_categories_follow_the_icd10_chapters(string code, string category) =>
        Assert.Equal(category, DiagnosisCategories.Of(code));
}
