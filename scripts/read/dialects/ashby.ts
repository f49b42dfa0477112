/**
 * Ashby, from its OpenAPI description (api-evangelist/ashby-hq:openapi/_original/ashby-openapi.yml,
 * public API docs), flattened (`currentInterviewStage.title`, `archiveReason.reasonType`).
 *
 * Verified: application `createdAt, status (Hired|Archived|Active|Lead), currentInterviewStage.title,
 * archiveReason{text, reasonType ∈ RejectedByCandidate|RejectedByOrg|Other}, archivedAt`; opening `openedAt,
 * closedAt, openingState (Approved|Closed|Draft|Filled|Open)`; history `title, enteredStageAt, leftStageAt`.
 * [unverified]: `hiredAt`, the flat names of ids (`job.id`, `applicationId`), and the feedback table: the
 * interview time comes from the interview event (`interviewEvent.startTime`), and the recommendation from a
 * form field whose name each org chooses (Ashby's `Score` 1–4 is read like Lever's scale).
 */
import type { Dialect } from './types.ts';

export const ashby: Dialect = {
  id: 'ashby',
  name: 'Ashby',
  tables: [
    {
      entity: 'applications',
      columns: {
        application_id: ['id', 'applicationId', 'application.id'],
        candidate_id: ['candidate.id', 'candidateId'],
        job_id: ['job.id', 'jobId'],
        job_title: ['job.title', 'jobTitle'],
        department: ['job.department.name', 'department.name', 'department'],
        applied_at: ['createdAt'],
        source: ['source.title', 'source'],
        current_stage: ['currentInterviewStage.title', 'currentInterviewStage'],
        status: ['status'],
        rejected_at: ['archivedAt'],
        rejection_reason: ['archiveReason.text', 'archiveReason'],
        rejected_by: ['archiveReason.reasonType', 'reasonType'],
        hired_at: ['hiredAt'],
      },
      values: {
        // A Lead is a sourced prospect in the pipeline: active.
        application_status: { Active: 'active', Lead: 'active', Archived: 'rejected', Hired: 'hired' },
        rejected_by: { RejectedByCandidate: 'candidate', RejectedByOrg: 'company', Other: null },
      },
    },
    {
      entity: 'interviews',
      columns: {
        interview_id: ['interviewEventId', 'interviewEvent.id', 'interviewId', 'id'],
        application_id: ['applicationId', 'application.id'],
        stage: ['interviewStage.title', 'interview.title', 'formDefinition.title'],
        interviewer: ['submittedByUser.name', 'interviewer', 'submittedByUser.id'],
        interview_at: ['interviewEvent.startTime', 'startTime'],
        interview_end_at: ['interviewEvent.endTime', 'endTime'],
        feedback_submitted_at: ['submittedAt'],
        recommendation: ['overallRecommendation', 'recommendation', 'score'],
      },
      values: {
        recommendation: {
          '4': 'strong_yes',
          '3': 'yes',
          '2': 'no',
          '1': 'strong_no',
          'Strong Hire': 'strong_yes',
          Hire: 'yes',
          'No Hire': 'no',
          'Strong No Hire': 'strong_no',
        },
      },
    },
    {
      entity: 'requisitions',
      columns: {
        requisition_id: ['openingId', 'opening.id', 'id'],
        job_id: ['jobIds', 'jobId', 'job.id'],
        job_title: ['job.title', 'jobTitle', 'title'],
        department: ['department.name', 'departmentName', 'department'],
        location: ['location.name', 'locationName', 'location'],
        hiring_manager: ['hiringManager.name', 'hiringManager'],
        recruiter: ['recruiter.name', 'recruiter'],
        opened_at: ['openedAt'],
        closed_at: ['closedAt'],
        status: ['openingState'],
      },
      values: {
        requisition_status: { Open: 'open', Approved: 'open', Filled: 'filled', Closed: 'closed', Draft: null },
      },
    },
    {
      entity: 'stage_events',
      columns: {
        application_id: ['applicationId', 'application.id'],
        stage: ['title', 'stage.title', 'stageTitle'],
        entered_at: ['enteredStageAt'],
        exited_at: ['leftStageAt'],
      },
    },
  ],
};
