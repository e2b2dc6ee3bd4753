namespace Clinic.Api.Startup;

/// <summary>
/// Settings kept as files (ADR 0084): one file per setting, named as its environment variable (<c>Auth__SigningKey</c>)
/// and holding its value, as Docker and Kubernetes mount secrets, in the directory <c>Secrets:Directory</c> names.
/// </summary>
public static class SecretFiles
{
    /// <summary>
    /// Adds the directory's files as a configuration source after those already added (the environment among them), so a
    /// file wins over a variable of the same name. Unset, nothing is read; a directory that does not exist stops the start.
    /// </summary>
    public static ConfigurationManager AddClinicSecretFiles(this ConfigurationManager configuration)
    {
        if (configuration["Secrets:Directory"] is { Length: > 0 } directory)
        {
            configuration.AddKeyPerFile(
                Directory.Exists(directory)
                    ? Path.GetFullPath(directory)
                    : throw new InvalidOperationException("Secrets:Directory must name a directory of setting files; it names none."),
                optional: false);
        }

        return configuration;
    }
}
