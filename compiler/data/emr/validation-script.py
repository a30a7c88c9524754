#!/usr/bin/python3

import boto3
import os
import time
import json
import logging

class UploadJobMetadata(object):
    LOGGING_BUCKET_NAME_ENV = 'LOGGING_BUCKET_NAME'
    CLOUDWATCH_LOG_GROUP_NAME_ENV = 'CW_LOG_GROUP_NAME'
    S3_UPLOAD_PATH_ENV = 'JOB_METADATA_UPLOAD_S3_PATH'
    CW_UPLOAD_STREAM_ENV = 'JOB_METADATA_CW_LOG_STREAM_NAME'

    def get_role_credentials(self):
        role_arn = os.getenv('AWS_ROLE_ARN')
        token_file = os.getenv('AWS_WEB_IDENTITY_TOKEN_FILE')
        aws_region = os.getenv('AWS_REGION')
        sts_endpoint_url = os.getenv('STS_ENDPOINT_URL')

        token_file_obj = open(token_file, 'r')
        token = token_file_obj.read()

        sts_client = boto3.client('sts', region_name=aws_region, endpoint_url=sts_endpoint_url)
        return sts_client.assume_role_with_web_identity(RoleArn=role_arn,
                                                        WebIdentityToken=token,
                                                        RoleSessionName='emr-containers')

    def generate_job_metadata(self, region):
        s3_path = os.getenv(self.S3_UPLOAD_PATH_ENV)
        log_stream_name = os.getenv(self.CW_UPLOAD_STREAM_ENV)

        job_metadata = {'region': region, 'job_id': os.getenv('JOB_ID')}
        if s3_path is not None:
            job_metadata['logging_bucket_name'] = os.getenv(self.LOGGING_BUCKET_NAME_ENV)
            job_metadata['logging_s3_metadata_path'] = s3_path

        if log_stream_name is not None:
            job_metadata['cloudwatch_log_group_name'] = os.getenv(self.CLOUDWATCH_LOG_GROUP_NAME_ENV)
            job_metadata['cloudwatch_log_metadata_stream'] = log_stream_name

        return json.dumps(job_metadata)

    def upload_job_metadata_to_s3(self, job_metadata, region, creds):
        local_file_name = '/tmp/job-metadata.log'
        local_file_obj = open(local_file_name, 'w')
        local_file_obj.write(job_metadata)
        local_file_obj.close()

        bucket_name = os.getenv(self.LOGGING_BUCKET_NAME_ENV)
        s3_path = os.getenv(self.S3_UPLOAD_PATH_ENV)

        aws_access_key_id = creds['Credentials']['AccessKeyId']
        aws_secret_access_key = creds['Credentials']['SecretAccessKey']
        aws_session_token = creds['Credentials']['SessionToken']

        s3_client = boto3.client('s3',
                                 region_name=region,
                                 aws_access_key_id=aws_access_key_id,
                                 aws_secret_access_key=aws_secret_access_key,
                                 aws_session_token=aws_session_token)

        s3_client.upload_file(local_file_name, bucket_name, s3_path)
        s3_client.download_file(bucket_name, s3_path, local_file_name)

    def upload_job_metadata_to_cw(self, job_metadata, region, creds):
        log_group_name = os.getenv(self.CLOUDWATCH_LOG_GROUP_NAME_ENV)
        log_stream_name = os.getenv(self.CW_UPLOAD_STREAM_ENV)

        aws_access_key_id = creds['Credentials']['AccessKeyId']
        aws_secret_access_key = creds['Credentials']['SecretAccessKey']
        aws_session_token = creds['Credentials']['SessionToken']

        logs_client = boto3.client('logs',
                                   region_name=region,
                                   aws_access_key_id=aws_access_key_id,
                                   aws_secret_access_key=aws_secret_access_key,
                                   aws_session_token=aws_session_token)

        log_groups = logs_client.describe_log_groups(logGroupNamePrefix=log_group_name)
        if len(list(filter(lambda x: x['logGroupName'] == log_group_name, log_groups['logGroups']))) == 0:
            logs_client.create_log_group(logGroupName=log_group_name)

        log_streams = logs_client.describe_log_streams(logGroupName=log_group_name, logStreamNamePrefix=log_stream_name)
        log_stream = list(filter(lambda x: x['logStreamName'] == log_stream_name, log_streams['logStreams']))
        if len(log_stream) == 0:
            logs_client.create_log_stream(logGroupName=log_group_name, logStreamName=log_stream_name)
            self.put_log_event(logs_client, log_group_name, log_stream_name, job_metadata)
        else:
            if 'uploadSequenceToken' not in log_stream[0]:
                self.put_log_event(logs_client, log_group_name, log_stream_name, job_metadata)
            else:
                upload_token = log_stream[0]['uploadSequenceToken']
                self.put_log_event_with_upload_token(logs_client, log_group_name, log_stream_name, upload_token, job_metadata)

    def put_log_event(self, logs_client, log_group_name, log_stream_name, job_metadata):
        logs_client.put_log_events(logGroupName=log_group_name, logStreamName=log_stream_name, logEvents=[
            {
                'timestamp': round(time.time() * 1000),
                'message': job_metadata
            }
        ])

    def put_log_event_with_upload_token(self, logs_client, log_group_name, log_stream_name, upload_token, job_metadata):
        logs_client.put_log_events(logGroupName=log_group_name, logStreamName=log_stream_name, logEvents=[
            {
                'timestamp': round(time.time() * 1000),
                'message': job_metadata
            }
        ], sequenceToken = upload_token)

    def run(self):
        region = os.getenv('AWS_REGION')
        job_metadata = self.generate_job_metadata(region)

        creds = None
        s3_path = os.getenv(self.S3_UPLOAD_PATH_ENV)
        if s3_path is not None:
            creds = self.get_role_credentials()
            self.upload_job_metadata_to_s3(job_metadata, region, creds)

        log_stream_name = os.getenv(self.CW_UPLOAD_STREAM_ENV)
        if log_stream_name is not None:
            if creds is None:
                creds = self.get_role_credentials()

            self.upload_job_metadata_to_cw(job_metadata, region, creds)

if __name__ == "__main__":
    UploadJobMetadata().run()