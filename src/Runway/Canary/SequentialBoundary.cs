namespace Runway.Canary;

/// <summary>
/// One-sided group-sequential boundaries computed look by look from an α-spending function (Lan–DeMets): at each look
/// the boundary b is the z whose crossing probability, on the paths that did not cross before, equals the α the
/// spending function releases since the last look. Looks may come at any information fraction and may be skipped; a
/// skipped look's α is spent at the next one, which keeps the overall false-positive rate at α. The crossing
/// probability is integrated on a grid (Armitage, McPherson and Rowe's recursion; Jennison and Turnbull, ch. 19).
/// </summary>
public sealed class SequentialBoundary
{
    private const double Lowest = -8;

    private readonly AlphaSpending _spending;
    private readonly BoundaryCache? _cache;
    private string _key;
    private readonly List<double> _fractions = [];
    private readonly List<double> _boundaries = [];
    private double[] _points = [];
    private double[] _weights = [];

    /// <summary>Creates the boundaries of one bake, reusing those in <paramref name="cache"/> when given.</summary>
    public SequentialBoundary(AlphaSpending spending, BoundaryCache? cache = null)
    {
        _spending = spending ?? throw new ArgumentNullException(nameof(spending));
        _cache = cache;
        _key = FormattableString.Invariant($"{spending.Alpha:R}/{spending.Gamma:R}");
    }

    /// <summary>The information fractions of the looks so far.</summary>
    public IReadOnlyList<double> Fractions => _fractions;

    /// <summary>The boundaries of the looks so far (z scale; +∞ where no α was left).</summary>
    public IReadOnlyList<double> Boundaries => _boundaries;

    /// <summary>The boundaries of looks at <paramref name="fractions"/> (ascending, in (0, 1]).</summary>
    public static IReadOnlyList<double> Plan(AlphaSpending spending, IEnumerable<double> fractions)
    {
        var boundary = new SequentialBoundary(spending);
        foreach (var fraction in fractions) boundary.Next(fraction);
        return boundary.Boundaries;
    }

    /// <summary>The boundary of the next look, at information fraction <paramref name="fraction"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The fraction is not after the previous look's, or not in (0, 1].</exception>
    public double Next(double fraction)
    {
        var previous = _fractions.Count == 0 ? 0 : _fractions[^1];
        if (!(fraction > previous && fraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, $"A look's information fraction must be in ({previous}, 1].");
        _key += FormattableString.Invariant($"/{fraction:R}");
        var step = _cache?.GetOrAdd(_key, () => Compute(previous, fraction)) ?? Compute(previous, fraction);
        (_points, _weights) = (step.Points, step.Weights);
        _fractions.Add(fraction);
        _boundaries.Add(step.Boundary);
        return step.Boundary;
    }

    private BoundaryStep Compute(double previous, double fraction)
    {
        var release = _spending.Spent(fraction) - _spending.Spent(previous);
        var boundary = _fractions.Count == 0 ? NormalDistribution.UpperQuantile(release) : Solve(previous, fraction, release);
        var (points, weights) = Continue(previous, fraction, boundary);
        return new BoundaryStep(boundary, points, weights);
    }

    private double Solve(double previous, double fraction, double release)
    {
        if (release <= 0) return double.PositiveInfinity;
        var (r, s) = Step(previous, fraction);
        double low = -10, high = 40;
        for (var i = 0; i < 60 && high - low > 1e-9; i++)
        {
            var middle = (low + high) / 2;
            if (Crossing(middle, r, s) > release) low = middle; else high = middle;
        }

        return (low + high) / 2;
    }

    // P(not stopped before, and Z_k ≥ b) with Z_k = r·Z_(k−1) + s·W.
    private double Crossing(double boundary, double r, double s)
    {
        var total = 0d;
        for (var i = 0; i < _points.Length; i++) total += _weights[i] * NormalDistribution.UpperTail((boundary - (r * _points[i])) / s);
        return total;
    }

    // The sub-density of Z_k on paths still running after look k, on a Simpson grid over [Lowest, boundary].
    private (double[] Points, double[] Weights) Continue(double previous, double fraction, double boundary)
    {
        var (r, s) = Step(previous, fraction);
        var top = Math.Min(boundary, 12);
        var intervals = 2 * (int)Math.Ceiling((top - Lowest) / Math.Min(0.04, s / 8) / 2);
        var h = (top - Lowest) / intervals;
        var points = new double[intervals + 1];
        var weights = new double[intervals + 1];
        for (var j = 0; j <= intervals; j++)
        {
            points[j] = Lowest + (j * h);
            var simpson = (j == 0 || j == intervals ? 1 : j % 2 == 1 ? 4 : 2) * h / 3;
            weights[j] = simpson * Density(points[j], r, s);
        }

        return (points, weights);
    }

    private double Density(double z, double r, double s)
    {
        if (_points.Length == 0) return NormalDistribution.Density(z);
        var total = 0d;
        for (var i = 0; i < _points.Length; i++) total += _weights[i] * NormalDistribution.Density((z - (r * _points[i])) / s);
        return total / s;
    }

    private static (double R, double S) Step(double previous, double fraction)
    {
        var r = Math.Sqrt(previous / fraction);
        return (r, Math.Sqrt(1 - (r * r)));
    }
}
