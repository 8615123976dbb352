using System.Data.Common;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Runway.Sample.Orchestrations;

/// <summary>Reads and writes the <c>orchestrations</c> table. The schema comes from <c>samples/deploy/migrations</c>, never from here.</summary>
internal sealed class OrchestrationStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "id, name, definition::text, created_at";

    public async Task<IReadOnlyList<Orchestration>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM orchestrations ORDER BY id DESC LIMIT @limit");
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<Orchestration>();
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(Read(reader));
        }

        return result;
    }

    public async Task<Orchestration?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM orchestrations WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<Orchestration> CreateAsync(NewOrchestration request, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"INSERT INTO orchestrations (name, definition) VALUES (@name, @definition) RETURNING {Columns}");
        command.Parameters.AddWithValue("name", request.Name);
        command.Parameters.Add(new NpgsqlParameter("definition", NpgsqlDbType.Jsonb)
        {
            Value = request.Definition is { } definition ? definition.GetRawText() : DBNull.Value,
        });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return Read(reader);
    }

    private static Orchestration Read(DbDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.IsDBNull(2) ? null : ParseDefinition(reader.GetString(2)),
        reader.GetFieldValue<DateTimeOffset>(3));

    private static JsonElement ParseDefinition(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
