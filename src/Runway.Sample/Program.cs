using Npgsql;
using Prometheus;
using Runway.Sample.Auth;
using Runway.Sample.Configuration;
using Runway.Sample.Faults;
using Runway.Sample.Health;
using Runway.Sample.Metrics;
using Runway.Sample.Orchestrations;
using Runway.Sample.RateLimiting;
using Runway.Sample.Release;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

var logger = new LoggerConfiguration()
    .MinimumLevel.Information()
    .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
    .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
    .Enrich.FromLogContext()
    .WriteTo.Console(new CompactJsonFormatter())
    .CreateLogger();

try
{
    var builder = WebApplication.CreateBuilder(args);
    var options = SampleOptions.From(builder.Configuration);
    ConfigureServices(builder, options, logger);
    var app = builder.Build();
    ConfigurePipeline(app, options);
    var database = new NpgsqlConnectionStringBuilder(options.ConnectionString);
    logger.Information("Sample {Release} starting against database {Database} on {Host}:{Port}", options.Release, database.Database, database.Host, database.Port);
    await app.RunAsync();
    return 0;
}
catch (SampleConfigurationException ex)
{
    logger.Fatal("Runway.Sample refuses to start: {Reason}", ex.Message);
    return 2;
}
finally
{
    await logger.DisposeAsync();
}

static void ConfigureServices(WebApplicationBuilder builder, SampleOptions options, Serilog.Core.Logger logger)
{
    builder.Services.AddSerilog(logger);
    builder.Services.AddSingleton<Serilog.ILogger>(logger);
    builder.Services.AddSingleton(options);
    builder.Services.AddSingleton(TimeProvider.System);
    // Graceful shutdown: on SIGTERM Kestrel stops accepting and lets in-flight requests finish within this window.
    builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(30));
    builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(options.ConnectionString));
    builder.Services.AddSingleton<OrchestrationStore>();
    builder.Services.AddSingleton<DatabaseReadiness>();
    builder.Services.AddSingleton<FaultInjectionFilter>();
    builder.Services.AddSingleton(new HttpMetrics(Prometheus.Metrics.DefaultFactory, options.Release, options.MetricsStyle));
    builder.Services.AddSampleJwt(options);
    builder.Services.AddClientRateLimiting(options.RateLimitPerSecond);
}

static void ConfigurePipeline(WebApplication app, SampleOptions options)
{
    app.UseReleaseHeader(options);
    app.UseRouting();
    app.UseMiddleware<HttpMetricsMiddleware>();
    app.UseAuthentication();
    app.UseAuthorization();
    app.UseRateLimiter();
    app.MapHealth();
    app.MapVersion(options);
    app.MapMetrics();
    app.MapOrchestrations();
}
