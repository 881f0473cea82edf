-- Pipeline stage labels (PRODUCT.md § Funnel conversion). One row per label found in stage or lost_stage,
-- with what the order detection needs for labels it does not know.
with
opportunities as (
    select stage, nullif(trim(lost_stage), '') as lost_stage, created_date
    from filtered_pipeline($region, $team, $account_manager, $scope_region, $scope_account_manager)
),

stage_mentions as (
    select stage, created_date
    from opportunities
    union all
    -- a stage only ever named as where deals were lost is still a step of the funnel
    select lost_stage as stage, created_date
    from opportunities
    where lost_stage is not null
)

select
    stage,
    count(*)::bigint as opportunities_count,
    median(created_date) as median_created_date
from stage_mentions
group by stage
order by stage
