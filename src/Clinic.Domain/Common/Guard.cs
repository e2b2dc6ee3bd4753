namespace Clinic.Domain.Common;

/// <summary>Input checks shared by the factories. They throw <see cref="DomainException"/> naming the field.</summary>
public static class Guard
{
    public static string Text(string? value, string field, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new DomainException("required", $"{field} is required.", field);
        }

        if (trimmed.Length > maxLength)
        {
            throw new DomainException("too_long", $"{field} must be at most {maxLength} characters.", field);
        }

        return trimmed;
    }

    public static string? OptionalText(string? value, string field, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        return trimmed.Length > maxLength
            ? throw new DomainException("too_long", $"{field} must be at most {maxLength} characters.", field)
            : trimmed;
    }

    public static int? Rating(int? value, string field, int min, int max) =>
        value is null || (value >= min && value <= max)
            ? value
            : throw new DomainException("out_of_range", $"{field} must be between {min} and {max}.", field);
}
