using Runway.Smoke;
using Serilog.Core;
using Shouldly;
using Xunit;

namespace Runway.Tests.Smoke;

/// <summary>
/// A burst whose requests got no answer says why, with the URL: a staging router killed during Preparation's smoke
/// had failed it as "answers: 400× no answer", naming neither what did not answer nor that the connection was refused.
/// </summary>
public sealed class BurstNoAnswerTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task ABurstThatGetsNoAnswer_NamesTheUrlAndWhy()
    {
        var down = new Uri($"http://127.0.0.1:{Runway.Testing.PostgresServer.FreePort()}");
        var burst = new SmokeProbe { Name = "rate-limit", Path = "/api/items", ExpectedStatus = 429, Burst = new SmokeBurst(20, 5) };
        var options = new SmokeOptions { WarmUpRetries = 1, WarmUpDelay = TimeSpan.FromMilliseconds(20), TotalTimeout = TimeSpan.FromSeconds(15) };

        var report = await new SmokeRunner(Http, options, TimeProvider.System, Logger.None).RunAsync(down, [burst], null, CancellationToken.None);

        var reason = report.Results.Single().Reason!;
        reason.ShouldContain("answers: 20× no answer");
        reason.ShouldContain($"{down.GetLeftPart(UriPartial.Authority)}/api/items");
        reason.ShouldContain("Connection refused");
    }
}
