using Runway.Checklists.Checks;
using Shouldly;
using Xunit;

namespace Runway.Tests.Checklists.Checks;

public sealed class LogsSecretFreeCheckTests : IDisposable
{
    private const string SigningKey = "sample-signing-key-that-is-32-bytes-long";
    private readonly string directory = Directory.CreateTempSubdirectory("runway-logs-").FullName;

    [Fact]
    public async Task Run_LogsWithoutSecrets_PassesWithFilesAndBytes()
    {
        var log = await WriteAsync("a.log", "started\nlistening on 127.0.0.1\n");

        var result = await LogsSecretFreeCheck.RunAsync([log], [SigningKey, ""]);

        result.Passed.ShouldBeTrue(result.Summary);
        result.Evidence["bytes"]!.GetValue<long>().ShouldBe(31);
        result.Evidence["secretsChecked"]!.GetValue<int>().ShouldBe(1);
        result.Evidence["hits"]!.GetValue<long>().ShouldBe(0);
    }

    [Fact]
    public async Task Run_LeakedSecret_FailsCountingHitsWithoutTheValue()
    {
        var clean = await WriteAsync("clean.log", "ok\n");
        var leaky = await WriteAsync("leaky.log", $"key={SigningKey}\npassword=s3cr3t-pw and again {SigningKey}\n");

        var result = await LogsSecretFreeCheck.RunAsync([clean, leaky], [SigningKey, "s3cr3t-pw"]);

        result.Passed.ShouldBeFalse();
        result.Evidence["hits"]!.GetValue<long>().ShouldBe(3);
        result.Evidence["files"]!.AsArray()[1]!["hits"]!.GetValue<int>().ShouldBe(3);
        (result.Evidence.ToJsonString() + result.Summary).ShouldNotContain(SigningKey);
        (result.Evidence.ToJsonString() + result.Summary).ShouldNotContain("s3cr3t-pw");
    }

    [Fact]
    public async Task Run_MissingLog_FailsBecauseItCannotBeProven()
    {
        var result = await LogsSecretFreeCheck.RunAsync([Path.Combine(directory, "none.log")], [SigningKey]);

        result.Passed.ShouldBeFalse();
        result.Summary.ShouldBe("1 log file(s) missing; cannot prove them secret-free");
    }

    private async Task<string> WriteAsync(string name, string content)
    {
        var path = Path.Combine(directory, name);
        await File.WriteAllTextAsync(path, content);
        return path;
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
