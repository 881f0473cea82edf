-- Tail revenue by a breakdown dimension (PRODUCT.md § Long tail). One row per value of {dimension}
-- (null included) among the tail customers' orders in the window. {dimension} is replaced by an
-- identifier from BREAKDOWNS, quoted; every value is bound.
with
tail_customers as (
    select unnest($tail_customers::varchar[]) as customer
),

tail_orders_in_window as (
    select orders.customer, orders.{dimension} as dimension_value, orders.amount
    from
        window_orders(
            $region, $industry, $team, $account_manager, $product, $customer_type, $as_of, $window_days,
            $scope_region, $scope_account_manager
        ) as orders
    inner join tail_customers using (customer)
),

tail_revenue_by_value as (
    select
        dimension_value,
        count(distinct customer) as tail_customers_count,
        sum(amount) as net_revenue
    from tail_orders_in_window
    group by dimension_value
)

select
    dimension_value,
    tail_customers_count::bigint as tail_customers_count,
    net_revenue::double as net_revenue,
    (net_revenue * 100)::bigint as net_revenue_cents,
    -- nullif: a tail that nets to 0 has no shares rather than a division by zero
    (net_revenue / nullif(sum(net_revenue) over (), 0))::double as revenue_share
from tail_revenue_by_value
order by net_revenue desc, dimension_value asc nulls last
