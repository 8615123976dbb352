namespace Runway.Router.Routing;

/// <summary>
/// Turns a <see cref="RouteTableRequest"/> into pools, or explains what is wrong: releases named and unique,
/// weights 0–100 summing to 100 when any pool exists, at least one absolute http(s) destination per pool.
/// </summary>
public static class RouteTableValidator
{
    /// <summary>Returns the validated pools, or null and a message naming the bad input.</summary>
    public static (IReadOnlyList<PoolRoute>? Pools, string? Error) Validate(RouteTableRequest? request)
    {
        if (request?.Pools is null)
        {
            return (null, "\"pools\" is required: an array of {release, weight, destinations}; send [] to remove every route.");
        }

        var pools = new List<PoolRoute>();
        foreach (var (pool, index) in request.Pools.Select((p, i) => (p, i)))
        {
            var (valid, error) = ValidatePool(pool, index);
            if (valid is null)
            {
                return (null, error);
            }

            pools.Add(valid);
        }

        return CheckTable(pools) is { } tableError ? (null, tableError) : (pools, null);
    }

    private static string? CheckTable(List<PoolRoute> pools)
    {
        var duplicate = pools.GroupBy(p => p.Release, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            return $"Release '{duplicate.Key}' appears in more than one pool; give each release one pool.";
        }

        var total = pools.Sum(p => p.Weight);
        return pools.Count > 0 && total != 100
            ? $"Weights sum to {total} ({string.Join(", ", pools.Select(p => $"{p.Release}={p.Weight}"))}); they must sum to 100."
            : null;
    }

    private static (PoolRoute?, string?) ValidatePool(PoolRouteRequest? pool, int index)
    {
        if (string.IsNullOrWhiteSpace(pool?.Release))
        {
            return (null, $"pools[{index}].release is required: the release name, e.g. \"1.1.0\".");
        }

        if (pool.Weight is not { } weight || weight is < 0 or > 100)
        {
            return (null, $"pools[{index}] ({pool.Release}): weight is {pool.Weight?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "missing"}; it must be a whole number from 0 to 100.");
        }

        if (pool.Destinations is not { Count: > 0 })
        {
            return (null, $"pools[{index}] ({pool.Release}): destinations is empty; list at least one URL such as \"http://127.0.0.1:5101\".");
        }

        var destinations = new List<string>();
        foreach (var text in pool.Destinations)
        {
            if (Normalize(text) is not { } url)
            {
                return (null, $"pools[{index}] ({pool.Release}): destination '{text}' is not an absolute http:// or https:// URL.");
            }

            destinations.Add(url);
        }

        return destinations.Distinct(StringComparer.Ordinal).Count() == destinations.Count
            ? (new PoolRoute(pool.Release.Trim(), weight, destinations), null)
            : (null, $"pools[{index}] ({pool.Release}): a destination is listed twice.");
    }

    private static string? Normalize(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0
            && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment)
            ? uri.GetLeftPart(UriPartial.Path).TrimEnd('/')
            : null;
}
