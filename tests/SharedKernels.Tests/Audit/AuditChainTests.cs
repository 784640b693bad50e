using System.Security.Cryptography;
using Platform.Audit;
using static Platform.SharedKernels.Tests.AuditTestDatabase;

namespace Platform.SharedKernels.Tests;

/// <summary>The verifier against tampered audit logs in the real private PostgreSQL.</summary>
public sealed class AuditChainTests
{
    private static async Task<AuditChainVerification> VerifyAsync(Npgsql.NpgsqlDataSource dataSource) =>
        await new AuditChainVerifier(dataSource).VerifyAsync(CancellationToken.None);

    private static void AssertProblem(AuditChainVerification verification, AuditChainProblemKind kind, long sequence, string description)
    {
        Assert.False(verification.IsIntact);
        Assert.Equal(new AuditChainProblem(kind, sequence, description), verification.Problem);
    }

    [Fact]
    public async Task An_untouched_chain_is_intact_with_its_row_count()
    {
        await using var dataSource = await CreateAsync();
        var trail = new AuditTrail(dataSource, TimeProvider.System);
        Assert.Equal(new AuditChainVerification(0, null), await VerifyAsync(dataSource));

        await AppendAsync(trail, 5);
        await trail.AppendAsync([Entry(), Entry(subjectIin: null, action: AuditAction.Search), Entry(breakGlassReason: "child in danger")], CancellationToken.None);

        var verification = await VerifyAsync(dataSource);
        Assert.True(verification.IsIntact);
        Assert.Equal(8, verification.RowsVerified);
        Assert.Equal("The audit chain is intact: 8 rows verified.", verification.ToString());
    }

    [Theory]
    [InlineData("purpose = 'curiosity'")]
    [InlineData("sections = '{health.screenings}'")]
    [InlineData("occurred_at = occurred_at + interval '1 microsecond'")]
    [InlineData("subject_iin = '150315501232'")]
    [InlineData("actor_id = 'staff-2'")]
    [InlineData("actor_territory = 'national'")]
    [InlineData("outcome = 'denied'")]
    [InlineData("flagged_for_review = true")]
    [InlineData("client_address = NULL")]
    [InlineData("trace_id = 'ffffffffffffffffffffffffffffffff'")]
    public async Task An_edited_row_is_named_as_altered(string change)
    {
        await using var dataSource = await CreateAsync();
        await AppendAsync(new AuditTrail(dataSource, TimeProvider.System), 10);

        await TamperAsync(dataSource, $"UPDATE platform.audit_log SET {change} WHERE seq = 7");

        var verification = await VerifyAsync(dataSource);
        AssertProblem(verification, AuditChainProblemKind.Altered, 7, "row 7 was altered (its hash does not match its contents)");
        Assert.Equal(6, verification.RowsVerified);
        Assert.Equal("The audit chain is broken: row 7 was altered (its hash does not match its contents); rows verified before it: 6.",
            verification.ToString());
    }

    [Fact]
    public async Task A_break_glass_entry_turned_ordinary_is_named_as_altered()
    {
        await using var dataSource = await CreateAsync();
        await AppendAsync(new AuditTrail(dataSource, TimeProvider.System), 5, i => Entry(breakGlassReason: i == 3 ? "child in danger" : null));

        await TamperAsync(dataSource,
            "UPDATE platform.audit_log SET break_glass = false, break_glass_reason = NULL, flagged_for_review = false WHERE seq = 3");

        AssertProblem(await VerifyAsync(dataSource), AuditChainProblemKind.Altered, 3, "row 3 was altered (its hash does not match its contents)");
    }

    [Fact]
    public async Task A_deleted_middle_row_is_named_as_missing()
    {
        await using var dataSource = await CreateAsync();
        await AppendAsync(new AuditTrail(dataSource, TimeProvider.System), 20);

        await TamperAsync(dataSource, "DELETE FROM platform.audit_log WHERE seq = 17");

        var verification = await VerifyAsync(dataSource);
        AssertProblem(verification, AuditChainProblemKind.Missing, 17, "row 17 is missing (the chain goes from 16 to 18)");
        Assert.Equal(16, verification.RowsVerified);
    }

    [Fact]
    public async Task A_deleted_first_row_is_named_as_missing()
    {
        await using var dataSource = await CreateAsync();
        await AppendAsync(new AuditTrail(dataSource, TimeProvider.System), 3);

        await TamperAsync(dataSource, "DELETE FROM platform.audit_log WHERE seq = 1");

        AssertProblem(await VerifyAsync(dataSource), AuditChainProblemKind.Missing, 1, "row 1 is missing (the chain starts at row 2)");
    }

    [Fact]
    public async Task Deleted_newest_rows_are_caught_by_the_chain_head()
    {
        await using var dataSource = await CreateAsync();
        await AppendAsync(new AuditTrail(dataSource, TimeProvider.System), 20);

        await TamperAsync(dataSource, "DELETE FROM platform.audit_log WHERE seq >= 19");

        var verification = await VerifyAsync(dataSource);
        AssertProblem(verification, AuditChainProblemKind.Missing, 19, "row 19 is missing (the chain head records 20 rows, the log ends at row 18)");
        Assert.Equal(18, verification.RowsVerified);
    }

    [Fact]
    public async Task A_whole_log_deleted_is_caught_by_the_chain_head()
    {
        await using var dataSource = await CreateAsync();
        await AppendAsync(new AuditTrail(dataSource, TimeProvider.System), 4);

        await TamperAsync(dataSource, "TRUNCATE platform.audit_log");

        AssertProblem(await VerifyAsync(dataSource), AuditChainProblemKind.Missing, 1, "row 1 is missing (the chain head records 4 rows, the log ends at row 0)");
    }

    [Fact]
    public async Task A_forged_row_with_a_recomputed_hash_but_a_wrong_previous_hash_is_named()
    {
        await using var dataSource = await CreateAsync();
        var rows = await AppendAsync(new AuditTrail(dataSource, TimeProvider.System), 20);

        var forged = rows[11] with { Purpose = "forged", PreviousHash = RandomNumberGenerator.GetBytes(32) };
        forged = forged with { RowHash = AuditRowHash.Compute(forged) };
        await TamperAsync(dataSource, "UPDATE platform.audit_log SET purpose = $1, previous_hash = $2, row_hash = $3 WHERE seq = 12",
            forged.Purpose, forged.PreviousHash, forged.RowHash);

        AssertProblem(await VerifyAsync(dataSource), AuditChainProblemKind.InsertedOrReordered, 12,
            "row 12 was inserted or reordered (its previous hash does not match row 11), or row 11 was rewritten with a recomputed hash");
    }

    [Fact]
    public async Task A_rewritten_row_with_a_recomputed_hash_breaks_the_link_to_the_next_row()
    {
        await using var dataSource = await CreateAsync();
        var rows = await AppendAsync(new AuditTrail(dataSource, TimeProvider.System), 20);

        var rewritten = rows[11] with { Purpose = "rewritten" };
        rewritten = rewritten with { RowHash = AuditRowHash.Compute(rewritten) };
        await TamperAsync(dataSource, "UPDATE platform.audit_log SET purpose = $1, row_hash = $2 WHERE seq = 12", rewritten.Purpose, rewritten.RowHash);

        AssertProblem(await VerifyAsync(dataSource), AuditChainProblemKind.InsertedOrReordered, 13,
            "row 13 was inserted or reordered (its previous hash does not match row 12), or row 12 was rewritten with a recomputed hash");
    }

    [Fact]
    public async Task A_forged_row_appended_without_moving_the_chain_head_is_named_as_inserted()
    {
        await using var dataSource = await CreateAsync();
        var rows = await AppendAsync(new AuditTrail(dataSource, TimeProvider.System), 5);

        // Well linked and well hashed: only the chain head, which it did not move, gives it away.
        var forged = rows[^1] with { Sequence = 6, Purpose = "forged", PreviousHash = rows[^1].RowHash };
        forged = forged with { RowHash = AuditRowHash.Compute(forged) };
        await TamperAsync(dataSource, """
            INSERT INTO platform.audit_log
            SELECT 6, occurred_at, actor_id, actor_kind, actor_role, actor_territory, action, subject_iin, sections, $1,
                   break_glass, break_glass_reason, flagged_for_review, client_address, outcome, trace_id, $2, $3
            FROM platform.audit_log WHERE seq = 5
            """, forged.Purpose, forged.PreviousHash, forged.RowHash);

        AssertProblem(await VerifyAsync(dataSource), AuditChainProblemKind.InsertedOrReordered, 6, "row 6 was inserted (the chain head ends at row 5)");
    }

    [Fact]
    public async Task The_newest_row_replaced_with_a_well_linked_forgery_is_caught_by_the_chain_head()
    {
        await using var dataSource = await CreateAsync();
        var rows = await AppendAsync(new AuditTrail(dataSource, TimeProvider.System), 5);

        var forged = rows[^1] with { Purpose = "forged" };
        forged = forged with { RowHash = AuditRowHash.Compute(forged) };
        await TamperAsync(dataSource, "UPDATE platform.audit_log SET purpose = $1, row_hash = $2 WHERE seq = 5", forged.Purpose, forged.RowHash);

        var verification = await VerifyAsync(dataSource);
        AssertProblem(verification, AuditChainProblemKind.Altered, 5,
            "row 5 was replaced, or the chain head altered (the row's hash does not match the chain head's)");
        Assert.Equal(4, verification.RowsVerified);
    }

    [Theory]
    [InlineData(3, "UPDATE platform.audit_chain_head SET last_seq = 2",
        AuditChainProblemKind.InsertedOrReordered, 3, "row 3 was inserted (the chain head ends at row 2)")]
    [InlineData(3, "UPDATE platform.audit_chain_head SET last_hash = decode(repeat('ff', 32), 'hex')",
        AuditChainProblemKind.Altered, 3, "row 3 was replaced, or the chain head altered (the row's hash does not match the chain head's)")]
    [InlineData(0, "UPDATE platform.audit_chain_head SET last_hash = decode(repeat('ff', 32), 'hex')",
        AuditChainProblemKind.Altered, 0, "the chain head was altered (it records no rows but not the chain's start hash)")]
    [InlineData(3, "DELETE FROM platform.audit_chain_head",
        AuditChainProblemKind.ChainHeadMissing, 0, "the chain head (platform.audit_chain_head) is missing")]
    public async Task A_tampered_chain_head_is_reported(int rows, string tampering, AuditChainProblemKind kind, long sequence, string description)
    {
        await using var dataSource = await CreateAsync();
        await AppendAsync(new AuditTrail(dataSource, TimeProvider.System), rows);

        await TamperAsync(dataSource, tampering);

        AssertProblem(await VerifyAsync(dataSource), kind, sequence, description);
    }

    [Fact]
    public async Task Two_swapped_rows_are_named_at_the_first()
    {
        await using var dataSource = await CreateAsync();
        await AppendAsync(new AuditTrail(dataSource, TimeProvider.System), 8);

        await TamperAsync(dataSource, "UPDATE platform.audit_log SET seq = CASE seq WHEN 4 THEN -5 ELSE -4 END WHERE seq IN (4, 5)");
        await TamperAsync(dataSource, "UPDATE platform.audit_log SET seq = -seq WHERE seq < 0");

        AssertProblem(await VerifyAsync(dataSource), AuditChainProblemKind.Altered, 4, "row 4 was altered (its hash does not match its contents)");
    }
}
