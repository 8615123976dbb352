using System.Net;
using Runway.Router.Admin;
using Runway.Router.Hosting;
using Runway.Router.Leases;
using Runway.Router.Proxy;
using Runway.Router.Routing;
using Runway.Router.State;
using Serilog;
using Serilog.Events;
using Yarp.ReverseProxy.Forwarder;

var logger = new LoggerConfiguration()
    .MinimumLevel.Information()
    .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
    // YARP logs every refused connection with a full stack; the forwarder logs one line instead.
    .MinimumLevel.Override("Yarp", LogEventLevel.Error)
    .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}")
    .CreateLogger();

try
{
    var arguments = RouterArguments.Parse(args, Environment.GetEnvironmentVariable);
    var token = AdminToken.LoadOrCreate(arguments.TokenFile);
    var state = new RouteStateFile(arguments.StateFile);
    var initial = await state.LoadAsync(CancellationToken.None);
    var app = Build(arguments, token, state, initial, logger);
    logger.Information("Router on 127.0.0.1:{Port}, admin on 127.0.0.1:{AdminPort}; generation {Generation} in force: {Weights}",
        arguments.Port, arguments.AdminPort, initial.Generation, initial.Describe());
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is ArgumentException or RouteStateException or IOException or UnauthorizedAccessException or InvalidOperationException)
{
    logger.Fatal("Runway.Router cannot start: {Reason}", ex.Message);
    return 2;
}
finally
{
    await logger.DisposeAsync();
}

static WebApplication Build(RouterArguments arguments, AdminToken token, RouteStateFile state, Runway.Router.Routing.RouteTable initial, Serilog.Core.Logger logger)
{
    // No args: the router's options are parsed above; ASP.NET's own command-line configuration must not see them.
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
    builder.WebHost.ConfigureKestrel(kestrel =>
    {
        kestrel.Listen(IPAddress.Loopback, arguments.Port);
        kestrel.Listen(IPAddress.Loopback, arguments.AdminPort);
    });
    builder.Services.AddSerilog(logger);
    builder.Services.AddSingleton<Serilog.ILogger>(logger);
    builder.Services.AddSingleton(TimeProvider.System);
    builder.Services.AddSingleton(sp => new LiveRoutes(initial, sp.GetRequiredService<TimeProvider>()));
    builder.Services.AddSingleton(sp => new LeaseKeeper(sp.GetRequiredService<TimeProvider>()));
    builder.Services.AddSingleton(sp => new RouteSwitch(sp.GetRequiredService<LiveRoutes>(), state, sp.GetRequiredService<LeaseKeeper>(), arguments.DrainTimeout, logger));
    builder.Services.AddHostedService(sp => new LeaseWatch(sp.GetRequiredService<LeaseKeeper>(), sp.GetRequiredService<RouteSwitch>(), sp.GetRequiredService<TimeProvider>(), logger));
    builder.Services.AddSingleton<TrafficForwarder>();
    builder.Services.AddHttpForwarder();

    var app = builder.Build();
    var forwarder = app.Services.GetRequiredService<TrafficForwarder>();
    // The traffic port never reaches routing or the token check: every request there is forwarded.
    app.MapWhen(context => context.Connection.LocalPort == arguments.Port, traffic => traffic.Run(forwarder.ForwardAsync));
    app.UseAdminToken(token);
    app.UseRouting();
    app.MapAdmin();
    return app;
}
