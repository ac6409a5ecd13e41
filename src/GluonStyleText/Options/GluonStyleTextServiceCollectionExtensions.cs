using GluonStyleText.Models;
using GluonStyleText.Prediction;
using GluonStyleText.Training;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GluonStyleText.Options;

/// <summary>
/// Registers GluonStyleText with an application's services: the training options (validated when the host
/// starts) and a <see cref="TextClassifierTrainer"/> built from them, and a ready <see cref="TextClassifier"/>.
/// </summary>
public static class GluonStyleTextServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="TextClassifierOptions"/> with <see cref="TextClassifierOptionsValidator"/>
    /// and <c>ValidateOnStart</c>, so that a host with a bad configuration fails when it starts rather
    /// than at the first training run, and a transient <see cref="TextClassifierTrainer"/> that uses them.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets options in code; optional.</param>
    /// <returns>The options builder, for further configuration.</returns>
    public static OptionsBuilder<TextClassifierOptions> AddGluonStyleText(
        this IServiceCollection services, Action<TextClassifierOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddTransient(provider => new TextClassifierTrainer(
            provider.GetRequiredService<IOptions<TextClassifierOptions>>().Value,
            provider.GetService<ILoggerFactory>()?.CreateLogger<TextClassifierTrainer>()));
        return services.AddValidatedOptions<TextClassifierOptions, TextClassifierOptionsValidator>(configure);
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

    /// <summary>
    /// Registers one <see cref="TextClassifier"/> for the whole application (it is thread-safe), loaded from the
    /// bundle that <paramref name="configure"/> names when it is first asked for, and disposed with the container.
    /// The bundle path is checked when the host starts (<c>ValidateOnStart</c>).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Names the bundle (and the device); bind it from configuration with the returned builder's <c>Bind</c> instead if you prefer.</param>
    /// <returns>The options builder, for further configuration.</returns>
    public static OptionsBuilder<TextClassifierModelOptions> AddTextClassifier(
        this IServiceCollection services, Action<TextClassifierModelOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<TextClassifierModelOptions>>().Value;
            return TextClassifier.Load(options.BundlePath, DeviceSelector.Resolve(options.Device));
        });
        return services.AddValidatedOptions<TextClassifierModelOptions, TextClassifierModelOptionsValidator>(configure);
    }

    // The one way options are registered here: their validator once, the caller's settings, checked at start.
    private static OptionsBuilder<TOptions> AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, Action<TOptions>? configure)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        var builder = services.AddOptions<TOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        return builder.ValidateOnStart();
    }
}
