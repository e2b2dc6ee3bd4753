namespace Clinic.Api.Common.OpenApi;

/// <summary>
/// Schema names as generated clients show them: the type's own name (<c>PlanResponse</c>, <c>ProblemDetails</c>),
/// without namespaces. Two types of one name would make document generation fail, so a clash cannot go unnoticed.
/// </summary>
internal static class SchemaIds
{
    public static string Of(Type type) => type.IsGenericType
        ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] + "Of" + string.Concat(type.GetGenericArguments().Select(Of))
        : type.Name;
}
