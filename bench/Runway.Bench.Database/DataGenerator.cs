using Npgsql;

namespace Runway.Bench.Database;

/// <summary>Fills a database with random-text rows in three tables until it reaches a size.</summary>
internal static class DataGenerator
{
    private const int RowsPerBatch = 200_000;

    public static async Task<long> FillAsync(string connectionString, int sizeMb, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await ExecuteAsync(dataSource, """
            CREATE TABLE events (id bigint PRIMARY KEY, created_at timestamptz NOT NULL, kind text NOT NULL, payload text NOT NULL);
            CREATE TABLE customers (id bigint PRIMARY KEY, name text NOT NULL, email text NOT NULL, notes text);
            CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, total numeric(12,2) NOT NULL, lines jsonb NOT NULL);
            """, cancellationToken);
        long next = 0, size;
        while ((size = await SizeAsync(dataSource, cancellationToken)) < sizeMb * 1024L * 1024)
        {
            await ExecuteAsync(dataSource, Batch(next), cancellationToken);
            next += RowsPerBatch;
        }
        await ExecuteAsync(dataSource, "VACUUM ANALYZE", cancellationToken);
        return await SizeAsync(dataSource, cancellationToken);
    }

    // Random hex text compresses about as well as typical application text; the numbers are literals the generator owns.
    private static string Batch(long from) => $"""
        INSERT INTO events SELECT g, now() - g * interval '1 second', (ARRAY['click','view','buy','login'])[1 + g % 4],
            md5(random()::text) || ' ' || md5(random()::text) || ' ' || md5(random()::text) || ' ' || md5(random()::text)
        FROM generate_series({from + 1}, {from + RowsPerBatch}) g;
        INSERT INTO customers SELECT g, 'customer ' || g, 'c' || g || '@example.test', md5(random()::text) || md5(random()::text)
        FROM generate_series({from + 1}, {from + RowsPerBatch / 4}) g;
        INSERT INTO orders SELECT g, 1 + g % 1000, round((random() * 1000)::numeric, 2),
            jsonb_build_array(jsonb_build_object('sku', md5(random()::text), 'qty', 1 + g % 5))
        FROM generate_series({from + 1}, {from + RowsPerBatch / 2}) g;
        """;

    private static async Task<long> SizeAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT pg_database_size(current_database())");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
