using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GluonStyleText.Options;

/// <summary>Registers <see cref="TextClassifierOptions"/> with the options pipeline, validated when the host starts.</summary>
public static class GluonStyleTextServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="TextClassifierOptions"/> with <see cref="TextClassifierOptionsValidator"/>
    /// and <c>ValidateOnStart</c>, so that a host with a bad configuration fails when it starts rather
    /// than at the first training run.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets options in code; optional.</param>
    /// <returns>The options builder, for further configuration.</returns>
    public static OptionsBuilder<TextClassifierOptions> AddGluonStyleText(
        this IServiceCollection services, Action<TextClassifierOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<TextClassifierOptions>();
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<TextClassifierOptions>, TextClassifierOptionsValidator>());
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        return builder.ValidateOnStart();
    }

    /// <summary>
    /// Registers <see cref="TextClassifierOptions"/> read from a JSON configuration file (see
    /// <see cref="TextClassifierOptionsLoader.Load"/>), validated when the host starts. The file is
    /// read when the options are first created; its warnings go to the registered
    /// <see cref="ILoggerFactory"/>, if any, under <see cref="TextClassifierOptionsLoader.LoggerCategory"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configPath">The JSON configuration file, such as the seed's <c>config.json</c>.</param>
    /// <param name="configure">Overrides values from the file in code; optional.</param>
    /// <returns>The options builder, for further configuration.</returns>
    public static OptionsBuilder<TextClassifierOptions> AddGluonStyleText(
        this IServiceCollection services, string configPath, Action<TextClassifierOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(configPath);
        services.AddOptions<TextClassifierOptions>().Configure<IServiceProvider>((options, provider) =>
        {
            var logger = provider.GetService<ILoggerFactory>()?.CreateLogger(TextClassifierOptionsLoader.LoggerCategory);
            TextClassifierOptionsLoader.ConfigureFromFile(configPath, options, logger);
        });
        return services.AddGluonStyleText(configure);
    }
}
