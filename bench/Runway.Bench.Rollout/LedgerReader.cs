using System.Text.Json.Nodes;
using Npgsql;

namespace Runway.Bench.Rollout;

/// <summary>A phase of a deployment as the ledger recorded it.</summary>
internal sealed record PhaseTiming(string Name, string Status, double Seconds);

/// <summary>Reads figures Runway recorded in the root's ledger (database runway_ledger, schema runway).</summary>
internal sealed class LedgerReader(string connectionString)
{
    /// <summary>The evidence of a step of the latest deployment of <paramref name="release"/>, or null.</summary>
    public async Task<JsonNode?> StepEvidenceAsync(string release, string phase, string step, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT s.evidence::text FROM runway.steps s
            JOIN runway.phases p ON p.id = s.phase_id
            JOIN runway.deployments d ON d.id = p.deployment_id
            WHERE d.release = $1 AND p.name = $2 AND s.name = $3
            ORDER BY d.id DESC LIMIT 1
            """;
        var text = await ScalarAsync(sql, cancellationToken, release, phase, step) as string;
        return text is null ? null : JsonNode.Parse(text);
    }

    /// <summary>The phases of the latest deployment of <paramref name="release"/>, in the order they started.</summary>
    public async Task<IReadOnlyList<PhaseTiming>> PhasesAsync(string release, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT p.name, p.status, EXTRACT(EPOCH FROM (COALESCE(p.ended_at, p.started_at) - p.started_at))::float8
            FROM runway.phases p
            WHERE p.deployment_id = (SELECT max(id) FROM runway.deployments WHERE release = $1)
            ORDER BY p.started_at
            """;
        return await TimingsAsync(sql, cancellationToken, release);
    }

    /// <summary>The steps of the latest deployment of <paramref name="release"/> that took at least <paramref name="seconds"/>.</summary>
    public async Task<IReadOnlyList<PhaseTiming>> SlowStepsAsync(string release, double seconds, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT p.name || '/' || s.name, s.status, EXTRACT(EPOCH FROM (COALESCE(s.ended_at, s.started_at) - s.started_at))::float8 AS seconds
            FROM runway.steps s JOIN runway.phases p ON p.id = s.phase_id
            WHERE p.deployment_id = (SELECT max(id) FROM runway.deployments WHERE release = $1)
              AND EXTRACT(EPOCH FROM (COALESCE(s.ended_at, s.started_at) - s.started_at)) >= $2
            ORDER BY s.started_at
            """;
        return await TimingsAsync(sql, cancellationToken, release, seconds);
    }

    private async Task<IReadOnlyList<PhaseTiming>> TimingsAsync(string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var timings = new List<PhaseTiming>();
        while (await reader.ReadAsync(cancellationToken))
            timings.Add(new PhaseTiming(reader.GetString(0), reader.GetString(1), reader.GetDouble(2)));
        return timings;
    }

    private async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        var result = await command.ExecuteScalarAsync(cancellationToken);
        return result is DBNull ? null : result;
    }
}
