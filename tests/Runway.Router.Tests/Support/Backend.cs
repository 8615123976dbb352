using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Runway.Router.Tests.Support;

/// <summary>
/// A tiny real Kestrel server on a free loopback port that answers every request with its name.
/// <c>/slow?ms=N</c> answers after N milliseconds and signals <see cref="SlowRequestStarted"/> first.
/// </summary>
internal sealed class Backend : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;

    private Backend(string name, WebApplication app)
    {
        Name = name;
        _app = app;
    }

    public string Name { get; }

    public string Url { get; private set; } = "";

    public int Requests => Volatile.Read(ref _requests);

    public TaskCompletionSource SlowRequestStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<Backend> StartAsync(string name)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var backend = new Backend(name, builder.Build());
        backend.Map();
        await backend._app.StartAsync();
        backend.Url = backend._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return backend;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void Map()
    {
        _app.MapGet("/slow", async (int ms) =>
        {
            Interlocked.Increment(ref _requests);
            SlowRequestStarted.TrySetResult();
            await Task.Delay(ms);
            return Name;
        });
        _app.MapFallback(async context =>
        {
            Interlocked.Increment(ref _requests);
            await context.Response.WriteAsync(Name);
        });
    }
}
