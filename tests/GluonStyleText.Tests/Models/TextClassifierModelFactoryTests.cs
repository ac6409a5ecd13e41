using GluonStyleText.Models;
using GluonStyleText.Tests.Training;

namespace GluonStyleText.Tests.Models;

[Collection(GluonStyleText.Tests.Training.SerialTorchCollection.Name)]
public sealed class TextClassifierModelFactoryTests
{
    [Fact]
    public void CnnOptionChoosesTheNetwork()
    {
        using var cnn = TextClassifierModelFactory.Create(ToyData.Options(cnn: true));
        using var lstm = TextClassifierModelFactory.Create(ToyData.Options(cnn: false));

        Assert.IsType<TextCnn>(cnn);
        Assert.IsType<BiLstmClassifier>(lstm);
    }
}
