using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;

namespace Clinic.Api.Common.Json;

/// <summary>Makes validation errors name fields as the JSON does (<c>assignments[0].schedule.timesPerDay</c>).</summary>
public static class CamelCasePropertyNames
{
    public static string? Resolve(Type type, MemberInfo? member, LambdaExpression? expression)
    {
        if (expression is not null)
        {
            var chain = FluentValidation.Internal.PropertyChain.FromExpression(expression);
            if (chain.Count > 0)
            {
                return string.Join('.', chain.ToString().Split('.').Select(ToCamelCase));
            }
        }

        return member is null ? null : ToCamelCase(member.Name);
    }

    public static string ToCamelCase(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);
}
