using GluonStyleText.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GluonStyleText.Tests.Options;

/// <summary>
/// The test project has no service-provider implementation (Microsoft.Extensions.DependencyInjection),
/// so these tests build the options pipeline from the registrations by hand, as the container would.
/// </summary>
public sealed class GluonStyleTextServiceCollectionExtensionsTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void RegistersTheValidatorOnceAndValidatesOnStart()
    {
        var services = new ServiceCollection();

        services.AddGluonStyleText();
        services.AddGluonStyleText(o => o.Epochs = 3);

        var validators = services.Where(d => d.ServiceType == typeof(IValidateOptions<TextClassifierOptions>));
        Assert.Equal(typeof(TextClassifierOptionsValidator), Assert.Single(validators).ImplementationType);
        Assert.Contains(services, d => d.ServiceType == typeof(IStartupValidator));
    }

    [Fact]
    public void OptionsSetInCodeAreApplied()
    {
        var services = new ServiceCollection();
        services.AddGluonStyleText(o => o.Epochs = 3);

        var options = CreateFactory(services).Create(Microsoft.Extensions.Options.Options.DefaultName);

        Assert.Equal(3, options.Epochs);
    }

    [Fact]
    public void InvalidOptionsSetInCodeFailValidation()
    {
        var services = new ServiceCollection();
        services.AddGluonStyleText(o => o.Dropout = 1.5);

        var error = Assert.Throws<OptionsValidationException>(() => CreateFactory(services).Create(Microsoft.Extensions.Options.Options.DefaultName));

        Assert.Equal(["dropout: 1.5 is outside the allowed range [0, 1)"], error.Failures);
    }

    [Fact]
    public void ConfigFileIsReadAndCodeOverridesIt()
    {
        var path = _directory.File("config.json", """{"num_epoch": 11, "batch_size": 32, "colour": "red"}""");
        var logger = new CollectingLogger();
        var services = new ServiceCollection();
        services.AddGluonStyleText(path, o => o.BatchSize = 16);

        var options = CreateFactory(services, logger).Create(Microsoft.Extensions.Options.Options.DefaultName);

        Assert.Equal(11, options.Epochs);
        Assert.Equal(16, options.BatchSize);
        var warning = Assert.Single(logger.Entries);
        Assert.Equal((LogLevel.Warning, $"{path}: unknown key \"colour\" is ignored"), warning);
    }

    [Fact]
    public void BadConfigFileFailsWithTheFileAndKey()
    {
        var path = _directory.File("config.json", """{"num_epoch": "five"}""");
        var services = new ServiceCollection();
        services.AddGluonStyleText(path);

        var error = Assert.Throws<OptionsValidationException>(() => CreateFactory(services).Create(Microsoft.Extensions.Options.Options.DefaultName));

        Assert.Equal([$"{path}: \"num_epoch\" must be an integer, got \"five\""], error.Failures);
    }

    private static OptionsFactory<TextClassifierOptions> CreateFactory(IServiceCollection services, ILogger? logger = null)
    {
        var provider = new MinimalServiceProvider(logger);
        T[] All<T>() => services
            .Where(d => d.ServiceType == typeof(T))
            .Select(d => (T)(d.ImplementationInstance ?? d.ImplementationFactory?.Invoke(provider) ?? Activator.CreateInstance(d.ImplementationType!)!))
            .ToArray();
        return new OptionsFactory<TextClassifierOptions>(
            All<IConfigureOptions<TextClassifierOptions>>(),
            All<IPostConfigureOptions<TextClassifierOptions>>(),
            All<IValidateOptions<TextClassifierOptions>>());
    }

    /// <summary>Resolves only itself and, when given a logger, an <see cref="ILoggerFactory"/> handing out that logger.</summary>
    private sealed class MinimalServiceProvider(ILogger? logger) : IServiceProvider, ILoggerFactory
    {
        public object? GetService(Type serviceType) =>
            serviceType == typeof(IServiceProvider) ? this
            : serviceType == typeof(ILoggerFactory) && logger is not null ? this
            : null;

        public ILogger CreateLogger(string categoryName) =>
            categoryName == TextClassifierOptionsLoader.LoggerCategory ? logger! : throw new ArgumentException(categoryName);

        public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

        public void Dispose()
        {
        }
    }
}
