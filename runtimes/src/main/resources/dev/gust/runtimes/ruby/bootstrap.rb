# frozen_string_literal: true

# Gust's bootstrap for Lambda's Ruby runtimes (ruby3.3, ruby3.4): the Runtime API over one keep-alive connection
# (Net::HTTP from the standard library), the handler loaded as AWS's Ruby runtime interface client loads it
# ("file.method" or "file.Module::Class.method", called with event: and context: keywords), AWS's context object
# and AWS's error shapes (errorMessage, errorType as the Ruby class name, stackTrace).

require 'json'
require 'net/http'

# The Runtime API of this instance.
class GustRuntimeApi
  RUNTIME_PATH = '/2018-06-01/runtime'

  def initialize(address)
    host, _, port = address.rpartition(':')
    @http = Net::HTTP.new(host, port.to_i)
    @http.keep_alive_timeout = 3600
    @http.read_timeout = nil
    @http.start
  end

  def next_invocation
    response = @http.request(Net::HTTP::Get.new("#{RUNTIME_PATH}/invocation/next"))
    raise IOError, "GET /next answered #{response.code}: #{response.body}" unless response.code == '200'

    response
  end

  def post_response(request_id, body)
    post("#{RUNTIME_PATH}/invocation/#{request_id}/response", body, 'application/json', nil)
  end

  def post_error(request_id, error)
    post("#{RUNTIME_PATH}/invocation/#{request_id}/error", JSON.generate(error.to_lambda_response),
         'application/json', error.runtime_error_type)
  end

  def post_init_error(error)
    post("#{RUNTIME_PATH}/init/error", JSON.generate(error.to_lambda_response), 'application/json',
         error.runtime_error_type)
  end

  private

  def post(path, body, content_type, error_type)
    request = Net::HTTP::Post.new(path)
    request['Content-Type'] = content_type
    request['Lambda-Runtime-Function-Error-Type'] = error_type if error_type
    request.body = body
    response = @http.request(request)
    raise IOError, "POST #{path} answered #{response.code}: #{response.body}" if response.code.to_i >= 500
  end
end

# An error as AWS's Ruby runtime reports it: the payload names the Ruby class; the error-type header says where it
# happened (Init, Function, Runtime) and hides classes that are not Ruby's own or the AWS SDK's.
class GustLambdaError < StandardError
  STANDARD = %w[ArgumentError NoMethodError Exception StandardError NameError LoadError SystemExit
                SystemStackError].freeze

  def initialize(original, classification)
    @error_class = original.class.to_s
    @classification = classification
    @error_message = original.message
    @stack_trace = (original.backtrace_locations || []).map(&:to_s)
    super(original.message)
  end

  def runtime_error_type
    allowed = STANDARD.include?(@error_class) || @error_class.match?(/Aws(::\w+)*::Errors/)
    allowed ? "#{@classification}<#{@error_class}>" : "#{@classification}<UserException>"
  end

  def to_lambda_response
    { errorMessage: @error_message, errorType: @error_class, stackTrace: @stack_trace }
  end
end

# The context object of AWS's Ruby runtime.
class LambdaContext
  attr_reader :aws_request_id, :invoked_function_arn, :log_group_name, :log_stream_name, :function_name,
              :memory_limit_in_mb, :function_version, :identity, :client_context, :deadline_ms

  def initialize(response)
    @clock_diff = Process.clock_gettime(Process::CLOCK_REALTIME, :millisecond) -
                  Process.clock_gettime(Process::CLOCK_MONOTONIC, :millisecond)
    @deadline_ms = response['Lambda-Runtime-Deadline-Ms'].to_i
    @aws_request_id = response['Lambda-Runtime-Aws-Request-Id']
    @invoked_function_arn = response['Lambda-Runtime-Invoked-Function-Arn']
    @log_group_name = ENV['AWS_LAMBDA_LOG_GROUP_NAME']
    @log_stream_name = ENV['AWS_LAMBDA_LOG_STREAM_NAME']
    @function_name = ENV['AWS_LAMBDA_FUNCTION_NAME']
    @memory_limit_in_mb = ENV['AWS_LAMBDA_FUNCTION_MEMORY_SIZE']
    @function_version = ENV['AWS_LAMBDA_FUNCTION_VERSION']
    @identity = JSON.parse(response['Lambda-Runtime-Cognito-Identity']) if response['Lambda-Runtime-Cognito-Identity']
    @client_context = JSON.parse(response['Lambda-Runtime-Client-Context']) if response['Lambda-Runtime-Client-Context']
  end

  def get_remaining_time_in_millis
    now = Process.clock_gettime(Process::CLOCK_MONOTONIC, :millisecond) + @clock_diff
    remaining = @deadline_ms - now
    remaining.positive? ? remaining : 0
  end
end

# The function's handler, from _HANDLER.
class GustHandler
  def initialize(handler, task_root)
    parts = handler.split('.')
    case parts.size
    when 2 then @file, @method = parts
    when 3 then @file, @class_name, @method = parts
    else
      raise ArgumentError, "Invalid handler #{parts}, must be of form FILENAME.METHOD or FILENAME.CLASS.METHOD " \
                           'where FILENAME corresponds with an existing Ruby source file FILENAME.rb, CLASS is an ' \
                           'optional module/class namespace and METHOD is a callable method. If using CLASS, METHOD ' \
                           'must be a class-level method.'
    end
    require File.join(task_root, @file)
  end

  def call(event, context)
    if @class_name
      Kernel.const_get(@class_name).send(@method, event: event, context: context)
    else
      TOPLEVEL_BINDING.receiver.__send__(@method, event: event, context: context)
    end
  end
end

$stdout.sync = true
$stderr.sync = true
task_root = ENV['LAMBDA_TASK_ROOT'] || Dir.pwd
$LOAD_PATH.unshift(task_root)
api = GustRuntimeApi.new(ENV.fetch('AWS_LAMBDA_RUNTIME_API'))
begin
  handler = GustHandler.new(ENV['_HANDLER'] || '', task_root)
rescue Exception => e # rubocop:disable Lint/RescueException -- AWS reports any init failure, SyntaxError included
  error = GustLambdaError.new(e, 'Init')
  $stdout.puts("Init error when loading handler #{ENV['_HANDLER']}")
  $stdout.puts(JSON.generate(error.to_lambda_response))
  api.post_init_error(error)
  exit!(1)
end

loop do
  response = api.next_invocation
  request_id = response['Lambda-Runtime-Aws-Request-Id']
  trace_id = response['Lambda-Runtime-Trace-Id']
  trace_id ? ENV['_X_AMZN_TRACE_ID'] = trace_id : ENV.delete('_X_AMZN_TRACE_ID')
  begin
    event = JSON.parse(response.body)
    result = handler.call(event, LambdaContext.new(response))
    api.post_response(request_id, JSON.generate(result))
  rescue StandardError, ScriptError, SystemStackError => e
    error = GustLambdaError.new(e, 'Function')
    $stdout.puts("Error raised from handler method")
    $stdout.puts(JSON.generate(error.to_lambda_response))
    api.post_error(request_id, error)
  end
end
