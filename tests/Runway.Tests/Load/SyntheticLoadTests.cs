using Runway.Canary;
using Runway.Load;
using Runway.Tests.Service;
using Serilog.Core;
using Shouldly;
using Xunit;

namespace Runway.Tests.Load;

/// <summary>What a canary verdict says when the synthetic load could not reach the router, with a real refused connection.</summary>
public sealed class SyntheticLoadTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task Reason_CanaryTooLittleTrafficBecauseTheRouterRefusedEveryRequest_NamesThatCauseFirst()
    {
        var deadRouter = $"http://127.0.0.1:{Runway.Testing.PostgresServer.FreePort()}";
        var sent = await new LoadGenerator(Http, new LoadOptions
        {
            Request = SampleContract.Value.Request, Target = new Uri(deadRouter), RequestsPerSecond = 40, Duration = TimeSpan.FromMilliseconds(300),
        }, TimeProvider.System, Logger.None).RunAsync(CancellationToken.None);
        var analysis = new CanaryAnalysis(new CanaryOptions()).Analyze("1.0.0", PoolCounters.Empty, "1.1.0", PoolCounters.Empty);

        var reason = SyntheticLoad.Reason(analysis.Verdict, analysis.Reason, sent, deadRouter);

        analysis.Verdict.ShouldBe(CanaryVerdict.Inconclusive);
        reason.ShouldStartWith($"the load reached nothing: {sent.Requests} of {sent.Requests} requests failed to connect to {deadRouter}");
        reason.ShouldEndWith(analysis.Reason);
        SyntheticLoad.Reason(CanaryVerdict.Fail, "error rate", sent, deadRouter).ShouldBe("error rate", "a failure's own reason stands");
    }
}
