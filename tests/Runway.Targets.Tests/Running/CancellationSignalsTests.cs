using System.Diagnostics;
using Runway.Targets.Running;
using Shouldly;
using Xunit;

namespace Runway.Targets.Tests.Running;

public sealed class CancellationSignalsTests
{
    [Fact]
    public async Task Sigterm_WhileListening_CancelsTheTokenInsteadOfEndingTheProcess()
    {
        if (OperatingSystem.IsWindows()) return; // no SIGTERM there
        using var signals = new CancellationSignals();

        using var kill = Process.Start("kill", ["-TERM", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        await Task.Delay(TimeSpan.FromSeconds(5), signals.Token).ContinueWith(_ => { }, TaskScheduler.Default);

        signals.Token.IsCancellationRequested.ShouldBeTrue();
    }
}
