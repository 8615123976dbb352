using System.Globalization;
using System.Linq.Expressions;

namespace Runway.Targets.Planning;

/// <summary>
/// Writes a <c>Requires(() =&gt; …)</c> condition as its author wrote it: <c>IsServerBuild</c>, <c>!DryRun</c>,
/// <c>Configuration == Release</c> — not the compiler's <c>Convert(value(Build).Configuration, Int32) == 1</c>.
/// </summary>
internal static class ConditionText
{
    public static string Of(Expression expression) => expression switch
    {
        MemberExpression { Expression: null or ConstantExpression } member => member.Member.Name,
        MemberExpression member => $"{Of(member.Expression)}.{member.Member.Name}",
        UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert => Of(convert.Operand),
        UnaryExpression { NodeType: ExpressionType.Not } not => "!" + Of(not.Operand),
        BinaryExpression binary => Binary(binary),
        ConstantExpression { Value: string text } => $"\"{text}\"",
        ConstantExpression { Value: bool flag } => flag ? "true" : "false",
        ConstantExpression constant => Convert.ToString(constant.Value, CultureInfo.InvariantCulture) ?? "null",
        MethodCallExpression call => $"{(call.Object is null ? call.Method.Name : $"{Of(call.Object)}.{call.Method.Name}")}({string.Join(", ", call.Arguments.Select(Of))})",
        _ => expression.ToString(),
    };

    private static string Binary(BinaryExpression binary)
    {
        var (left, right) = (EnumSide(binary.Left, binary.Right), EnumSide(binary.Right, binary.Left));
        return $"{left} {Operator(binary.NodeType)} {right}";
    }

    // An enum compared with a constant compiles to int on both sides; show the constant as the enum member again.
    private static string EnumSide(Expression side, Expression other) =>
        side is ConstantExpression { Value: { } value } && other is UnaryExpression { Operand.Type.IsEnum: true } convert
            ? Enum.ToObject(convert.Operand.Type, value).ToString()!
            : Of(side);

    private static string Operator(ExpressionType type) => type switch
    {
        ExpressionType.Equal => "==",
        ExpressionType.NotEqual => "!=",
        ExpressionType.AndAlso => "&&",
        ExpressionType.OrElse => "||",
        ExpressionType.GreaterThan => ">",
        ExpressionType.GreaterThanOrEqual => ">=",
        ExpressionType.LessThan => "<",
        ExpressionType.LessThanOrEqual => "<=",
        _ => type.ToString(),
    };
}
