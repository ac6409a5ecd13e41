using GluonStyleText.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GluonStyleText.Tests.Training;

public sealed class OptimizerFactoryTests
{
    [Theory]
    [InlineData("adam", typeof(Adam))]
    [InlineData("AdamW", typeof(AdamW))]
    [InlineData("SGD", typeof(SGD))]
    [InlineData(" adagrad ", typeof(Adagrad))]
    [InlineData("RMSprop", typeof(RMSProp))]
    public void NamesAreMatchedCaseInsensitively(string name, Type expected)
    {
        using var layer = nn.Linear(3, 2);

        using var optimizer = OptimizerFactory.Create(name, layer.parameters(), learningRate: 0.05, weightDecay: 0.01);

        Assert.IsType(expected, optimizer);
        Assert.Equal(0.05, OptimizerFactory.GetLearningRate(optimizer));
    }

    [Fact]
    public void UnknownNamesAreRejectedListingTheAllowedOnes()
    {
        using var layer = nn.Linear(3, 2);

        var error = Assert.Throws<ArgumentException>(() => OptimizerFactory.Create("adadelta", layer.parameters(), 0.1, 0));

        Assert.Contains("Unknown optimizer 'adadelta' (option 'optimizer'); use one of: adam, adamw, sgd, adagrad, rmsprop.", error.Message);
    }

    [Fact]
    public void LearningRateCanBeChangedAndTakesEffect()
    {
        using var scope = NewDisposeScope();
        using var layer = nn.Linear(1, 1, hasBias: false);
        using (no_grad())
        {
            layer.weight!.fill_(1);
        }

        using var optimizer = OptimizerFactory.Create("sgd", layer.parameters(), learningRate: 1.0, weightDecay: 0);
        OptimizerFactory.SetLearningRate(optimizer, 0.25);
        layer.call(ones(1, 1)).sum().backward();
        optimizer.step();

        Assert.Equal(0.25, OptimizerFactory.GetLearningRate(optimizer));
        Assert.Equal(0.75f, layer.weight!.item<float>());
    }
}
