using Npgsql;
using Runway.Processes;
using Runway.Testing;
using Shouldly;
using Xunit;

namespace Runway.Tests.BuildProject;

/// <summary>
/// Issue 14 rule 8, "every error names the input, its source and the fix", for a database refusal that first shows
/// inside a target (the connection opened, then PostgreSQL refused): here a ledger role that may log in but not create
/// the ledger's schema. The build's failure line used to be Npgsql's own <c>42501: permission denied for database …</c>.
/// Through build.sh against a real PostgreSQL, with the team's commands as the environment (nothing is deployed).
/// </summary>
[Collection("postgres")]
public sealed class DatabaseRefusalTests(PostgresServer postgres) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("runway-refusal-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task LedgerRoleWithoutRights_FailsNamingTheLedgerConnection_ItsSource_WhatPostgresMeant_AndTheFix()
    {
        var password = "pw-" + Guid.NewGuid().ToString("N")[..12];
        var ledger = await WeakRoleOnAsync(await postgres.CreateDatabaseAsync("ledger"), password);

        var run = await VerifyLedgerAsync(ledger, await postgres.CreateDatabaseAsync("service"));

        run.ExitCode.ShouldBe(1, run.StandardOutput + run.StandardError);
        var failure = run.StandardError.Split('\n').Single(l => l.Contains("VerifyLedger failed: ", StringComparison.Ordinal));
        failure.ShouldContain("the ledger database", customMessage: "which connection");
        failure.ShouldContain("--ledger-connection-string, from RUNWAY_LEDGER_CONNECTION_STRING in the environment", customMessage: "the input and its source");
        failure.ShouldContain("42501", customMessage: "the SQLSTATE");
        failure.ShouldContain("lacks a privilege", customMessage: "what the SQLSTATE means");
        failure.ShouldContain("GRANT", customMessage: "the fix");
        (run.StandardOutput + run.StandardError).ShouldNotContain(password);
    }

    // A role that may log in to the database but owns nothing there and may create nothing in it.
    private async Task<string> WeakRoleOnAsync(string database, string password)
    {
        var role = "weak_" + Guid.NewGuid().ToString("N")[..8];
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE ROLE {role} LOGIN PASSWORD '{password}'", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(database) { Username = role, Password = password }.ConnectionString;
    }

    private async Task<ProcessResult> VerifyLedgerAsync(string ledger, string service)
    {
        Directory.CreateDirectory(Path.Combine(_root, ".nuke"));
        await File.WriteAllTextAsync(Path.Combine(_root, "checklist.md"), "# Checklist\n- [ ] The ledger is intact <!-- runway: id=ledger-intact phase=Preparation owner=T -->\n");
        await File.WriteAllTextAsync(Path.Combine(_root, "service.json"), """
            {
              "healthPath": "/health", "auth": "none", "request": { "method": "GET", "path": "/" },
              "metrics": {
                "requests": { "scrape": { "series": "http_requests_total", "statusLabel": "status" }, "errorStatusAtLeast": 500 },
                "latency": { "scrape": { "series": "http_request_duration_seconds_bucket" } }
              }
            }
            """);
        await File.WriteAllTextAsync(Path.Combine(_root, "smoke.json"), """{ "probes": [ { "name": "ready", "path": "/health", "expectedStatus": 200 } ] }""");
        Directory.CreateDirectory(Path.Combine(_root, "migrations"));
        string[] files = ["--checklist-file", "checklist.md", "--service-file", "service.json", "--smoke-file", "smoke.json", "--migrations-directory", "migrations"];
        string[] commands = ["--deploy-pool-command", "true", "--set-weights-command", "true", "--remove-pool-command", "true", "--read-instances-command", "true"];
        var spec = new ProcessSpec(Path.Combine(RepositoryRoot.Path, "build.sh"),
            ["VerifyLedger", "--root", _root, "--no-logo", .. files, .. commands])
        {
            Environment = new Dictionary<string, string>
            {
                ["RUNWAY_LEDGER_CONNECTION_STRING"] = ledger, ["RUNWAY_DATABASE_CONNECTION_STRING"] = service, ["CI"] = "true",
            },
        };
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        return await ProcessRunner.RunAsync(spec, timeout.Token);
    }
}
