using Npgsql;

namespace Runway.Tests.Database.Migrations;

internal static class Sql
{
    public static async Task<T?> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql, params object[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters) command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        var value = await command.ExecuteScalarAsync();
        return value is DBNull or null ? default : (T)value;
    }

    public static async Task<bool> TableExistsAsync(NpgsqlDataSource dataSource, string table) =>
        await ScalarAsync<bool>(dataSource, "SELECT to_regclass($1) IS NOT NULL", table);
}
