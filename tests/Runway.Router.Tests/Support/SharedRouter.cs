using Xunit;

namespace Runway.Router.Tests.Support;

/// <summary>One router and one backend shared by the tests of a class whose cases do not depend on each other's state.</summary>
public sealed class SharedRouter : IAsyncLifetime
{
    internal RouterFiles Files { get; } = RouterFiles.Create();

    internal RouterProcess Router { get; private set; } = null!;

    internal Backend Backend { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Backend = await Backend.StartAsync("1.0.0");
        Router = await RouterProcess.StartAsync(Files);
    }

    public async Task DisposeAsync()
    {
        await Router.DisposeAsync();
        await Backend.DisposeAsync();
        Files.Dispose();
    }
}
