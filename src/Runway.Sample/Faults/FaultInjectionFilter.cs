using Runway.Sample.Configuration;

namespace Runway.Sample.Faults;

/// <summary>
/// Misbehaves on purpose so that a bad canary can be shown: adds <see cref="SampleOptions.ExtraLatencyMs"/> to every
/// <c>/api/*</c> request and answers a <see cref="SampleOptions.ErrorRate"/> fraction of them with 500.
/// Runs after authentication and rate limiting, so 401 and 429 stay truthful.
/// </summary>
internal sealed class FaultInjectionFilter(SampleOptions options, TimeProvider time) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (options.ExtraLatencyMs > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(options.ExtraLatencyMs), time, context.HttpContext.RequestAborted);
        }

        // Random.Shared is fine here: this is a demo fault, not a security decision.
#pragma warning disable CA5394
        var fail = options.ErrorRate > 0 && Random.Shared.NextDouble() < options.ErrorRate;
#pragma warning restore CA5394
        return fail
            ? Results.Problem("Injected failure (Sample__ErrorRate).", statusCode: StatusCodes.Status500InternalServerError)
            : await next(context);
    }
}
