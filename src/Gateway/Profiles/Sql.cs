using Npgsql;

namespace Platform.Gateway.Profiles;

internal static class Sql
{
    /// <summary>One statement of an <see cref="NpgsqlBatch"/> with its positional parameters ($1, $2, ...); null is SQL NULL.</summary>
    public static NpgsqlBatchCommand Command(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value ?? DBNull.Value });
        return command;
    }
}
