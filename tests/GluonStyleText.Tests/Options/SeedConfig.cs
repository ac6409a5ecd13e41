namespace GluonStyleText.Tests.Options;

/// <summary>The seed's config.json, verbatim (also committed as src/GluonStyleText/Options/Presets/seed.json).</summary>
internal static class SeedConfig
{
    public const string Json =
        """{"n_classes": 2, "num_epoch": 5, "optimizer": "adam", "seq_len": 500, "vocab_size": 5000, "batch_size": 64, "hidden_size": 500, "embed_size": 300, "dropout": 0.5, "n_layers": 1, "bidirectional": true, "train_log_interval": 100, "val_log_interval": 100, "learning_rate": 0.001, "use_spacy_pretrained": false, "save_name": "model", "MODELPARAMSURL": "", "TRANSFORMERURL": "", "MODELCONFIGURL": "", "epoch_factor": 2, "power_decay": false, "cnn": true, "wd": 0, "kernel_size": 8}""";
}
