using System.Linq.Expressions;
using System.Reflection;

namespace Runway.Targets.Definitions;

/// <summary>A parameter a target <c>Requires</c>: its member name and how to read its current value.</summary>
internal sealed record RequiredParameter(string MemberName, Func<object?> Read)
{
    public static RequiredParameter From(LambdaExpression expression)
    {
        var body = expression.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : expression.Body;
        if (body is not MemberExpression member)
            throw new Planning.PlanningException($"Requires(...) takes a parameter member such as () => Version, not `{expression.Body}`.");
        return new RequiredParameter(member.Member.Name, () => ReadMember(member, expression));
    }

    /// <summary>True when the value is null, an empty or blank string.</summary>
    public bool IsMissing()
    {
        var value = Read();
        return value is null || (value is string text && string.IsNullOrWhiteSpace(text));
    }

    // Reading the member by reflection avoids compiling an expression tree on every run (startup time).
    private static object? ReadMember(MemberExpression member, LambdaExpression expression)
    {
        if (member.Expression is ConstantExpression { Value: var owner })
        {
            return member.Member switch
            {
                FieldInfo field => field.GetValue(owner),
                PropertyInfo property => property.GetValue(owner),
                _ => expression.Compile().DynamicInvoke(),
            };
        }
        return expression.Compile().DynamicInvoke();
    }
}
