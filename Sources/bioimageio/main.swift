import Foundation

// The `bioimageio` command-line tool. Each subcommand is a thin layer over a library call.

let usage = """
    usage: bioimageio <command> [arguments]

    commands:
      yaml FILE [--compact]             print a YAML file as JSON, exactly as it was read
      validate-format FILE... [--json] [--io-checks]
                                        validate descriptions: errors with line:column; --io-checks
                                        also reads referenced files (hashes, test tensors), and
                                        FILE may be a package folder or zip
      package SOURCE OUT.zip [--folder] [--weights FORMAT]... [--level N]
                                        write a package (description + referenced files)
      update-format IN OUT              write IN in the newest format (model 0.5, others 0.3) to OUT
      test SOURCE [--weight-format F] [--json] [--summary FILE] [--artifacts DIR] [--decimal N]
              [--no-io-checks]
                                        test a model like bioimageio.core's test_model: reproduce
                                        the test outputs, run inference at several sizes; exit 0
                                        only when every check passed
      predict SOURCE --input ID=FILE.npy... --output-dir DIR [--tile AXIS=SIZE,...]
              [--weight-format F] [--threads N]
                                        run a model on .npy inputs, write DIR/<output id>.npy;
                                        --tile predicts block by block (block size incl. halo)
      help                              show this message
    """

var standardError = FileHandleOutputStream(FileHandle.standardError)
let arguments = Array(CommandLine.arguments.dropFirst())
guard let command = arguments.first else {
    print(usage, to: &standardError)
    exit(2)
}
switch command {
case "yaml":
    exit(YAMLCommand.run(Array(arguments.dropFirst())))
case "validate-format":
    exit(ValidateFormatCommand.run(Array(arguments.dropFirst())))
case "package":
    exit(PackageCommand.run(Array(arguments.dropFirst())))
case "update-format":
    exit(UpdateFormatCommand.run(Array(arguments.dropFirst())))
case "test":
    exit(TestCommand.run(Array(arguments.dropFirst())))
case "predict":
    exit(PredictCommand.run(Array(arguments.dropFirst())))
case "help", "-h", "--help":
    print(usage)
    exit(0)
default:
    print("bioimageio: unknown command '\(command)'\n\n\(usage)", to: &standardError)
    exit(2)
}
