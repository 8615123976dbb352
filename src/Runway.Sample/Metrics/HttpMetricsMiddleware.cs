namespace Runway.Sample.Metrics;

/// <summary>
/// Records every request under its endpoint template (e.g. <c>/api/orchestrations/{id}</c>), so the route label stays
/// low-cardinality; requests that match no endpoint count as <c>unmatched</c>. Must run after routing.
/// </summary>
internal sealed class HttpMetricsMiddleware(RequestDelegate next, HttpMetrics metrics, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = time.GetTimestamp();
        var failed = false;
        try
        {
            await next(context);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            var status = failed && !context.Response.HasStarted ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
            metrics.Record(Route(context), context.Request.Method, status, time.GetElapsedTime(started));
        }
    }

    private static string Route(HttpContext context) =>
        context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } template } ? "/" + template.Trim('/') : "unmatched";
}
