namespace Runway.Router.Routing;

/// <summary>
/// Nginx's smooth weighted round robin: deterministic, so 90/10 over any 100 consecutive picks is exactly 90/10,
/// and interleaved (no bursts of one pool). Each table generation gets a fresh instance.
/// </summary>
public sealed class SmoothWeightedRoundRobin
{
    private readonly int[] _weights;
    private readonly int[] _current;
    private readonly int _total;
    private readonly Lock _gate = new();

    /// <summary>Creates a selector over the given weights (non-negative; at least one positive).</summary>
    public SmoothWeightedRoundRobin(IReadOnlyList<int> weights)
    {
        _weights = [.. weights];
        _current = new int[_weights.Length];
        _total = _weights.Sum();
    }

    /// <summary>The index of the next pick.</summary>
    public int Next()
    {
        lock (_gate)
        {
            var best = 0;
            for (var i = 0; i < _weights.Length; i++)
            {
                _current[i] += _weights[i];
                if (_current[i] > _current[best])
                {
                    best = i;
                }
            }

            _current[best] -= _total;
            return best;
        }
    }
}
